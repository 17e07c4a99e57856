using System.Collections.Immutable;
using System.Text;
using Kind = KcmCompose.Compose.YamlTextTree.NodeKind;
using TextNode = KcmCompose.Compose.YamlTextTree.Node;

namespace KcmCompose.Compose;

/// <summary>
/// Applies <see cref="ComposeEdit"/>s to compose text as minimal splices, so comments, key order, quoting and line
/// endings elsewhere stay as the operator wrote them. Inserted YAML takes the surrounding indentation and the
/// emitter's quoting. Flow collections (<c>[..]</c>, <c>{..}</c>) that must change are rewritten, that collection
/// only, in block style. After the edits the text is parsed again and compared with the intended tree (mapping key
/// order ignored); any other difference refuses the whole change.
/// </summary>
internal static class ComposeTextEditor
{
    /// <summary>The edited text; the same instance when no edit changes what the file means.</summary>
    /// <param name="text">The compose text.</param>
    /// <param name="edits">The edits, in order.</param>
    /// <param name="file">The label used in messages.</param>
    /// <param name="parsed">The root of <paramref name="text"/> when the caller has parsed it already (one parse fewer on a large file).</param>
    /// <exception cref="ComposeLoadException"><paramref name="text"/> does not parse.</exception>
    /// <exception cref="ComposeEditException">An edit cannot be made safely.</exception>
    public static string Apply(string text, IEnumerable<ComposeEdit> edits, string file = ComposeDocument.StringLabel, ComposeMapping? parsed = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var expected = parsed ?? ComposeDocument.Parse(text, file).Root;
        var current = text;
        foreach (var edit in edits)
        {
            var next = ApplyToModel(expected, edit);
            if (SameTree(next, expected))
            {
                continue;
            }

            current = new Splicer(current, file).Apply(edit, next);
            expected = next;
        }

        if (ReferenceEquals(current, text))
        {
            return text;
        }

        ComposeMapping result;
        try
        {
            result = ComposeDocument.Parse(current, file).Root;
        }
        catch (ComposeLoadException e)
        {
            throw new ComposeEditException($"{file}: the edited text would not parse ({e.Message}); nothing was changed. Make the change by hand.", e);
        }

        if (!SameTree(result, (ComposeMapping)expected))
        {
            throw new ComposeEditException(
                $"{file}: the edit would change more than intended (a YAML anchor or merge key shares the edited node); nothing was changed. Make the change by hand.");
        }

        return current;
    }

    /// <summary>Whether two trees mean the same: like node equality, but mapping key order is ignored.</summary>
    internal static bool SameTree(ComposeNode a, ComposeNode b)
    {
        switch (a)
        {
            case ComposeScalar scalar:
                return scalar.Equals(b as ComposeScalar);
            case ComposeSequence sequence when b is ComposeSequence other:
                if (sequence.Items.Length != other.Items.Length)
                {
                    return false;
                }

                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    if (!SameTree(sequence.Items[i], other.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ComposeMapping mapping when b is ComposeMapping other:
                if (mapping.Entries.Length != other.Entries.Length)
                {
                    return false;
                }

                foreach (var entry in mapping.Entries)
                {
                    if (other[entry.Key.Value] is not { } value || !SameTree(entry.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    internal static ComposeMapping ApplyToModel(ComposeMapping root, ComposeEdit edit) =>
        (ComposeMapping)Update(root, edit.Path, 0, node => edit switch
        {
            ComposeEdit.SetEntry set => AsMapping(node, edit).Set(set.Key, set.Value),
            ComposeEdit.RemoveEntry remove => AsMapping(node, edit).Remove(remove.Key),
            ComposeEdit.AddItem add => WithItems(node, edit, items => items.Add(add.Item)),
            ComposeEdit.ReplaceItem replace => WithItems(node, edit, items => items.SetItem(CheckIndex(items, replace.Index, edit), replace.Item)),
            ComposeEdit.RemoveItem remove => WithItems(node, edit, items => items.RemoveAt(CheckIndex(items, remove.Index, edit))),
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        });

    private static ComposeNode Update(ComposeNode node, ImmutableArray<object> path, int at, Func<ComposeNode, ComposeNode> change)
    {
        if (at == path.Length)
        {
            return change(node);
        }

        switch (path[at])
        {
            case string key when node is ComposeMapping mapping && mapping[key] is { } child:
                return mapping.Set(key, Update(child, path, at + 1, change));
            case int index when node is ComposeSequence sequence && index >= 0 && index < sequence.Items.Length:
                return sequence with { Items = sequence.Items.SetItem(index, Update(sequence.Items[index], path, at + 1, change)) };
            default:
                throw new ComposeEditException($"'{ComposeEdit.Format(path.Take(at + 1))}' is not in the file.");
        }
    }

    private static ComposeMapping AsMapping(ComposeNode node, ComposeEdit edit) =>
        node as ComposeMapping ?? throw new ComposeEditException($"'{ComposeEdit.Format(edit.Path)}' is not a mapping.");

    private static ComposeSequence WithItems(ComposeNode node, ComposeEdit edit, Func<ImmutableArray<ComposeNode>, ImmutableArray<ComposeNode>> change) =>
        node is ComposeSequence sequence
            ? sequence with { Items = change(sequence.Items) }
            : throw new ComposeEditException($"'{ComposeEdit.Format(edit.Path)}' is not a list.");

    private static int CheckIndex(ImmutableArray<ComposeNode> items, int index, ComposeEdit edit) =>
        index >= 0 && index < items.Length
            ? index
            : throw new ComposeEditException($"'{ComposeEdit.Format(edit.Path)}' has no item {index}.");

    private static ComposeNode ModelAt(ComposeNode root, ImmutableArray<object> path)
    {
        var node = root;
        foreach (var step in path)
        {
            node = step switch
            {
                string key => ((ComposeMapping)node)[key]!,
                int index => ((ComposeSequence)node).Items[index],
                _ => throw new ArgumentOutOfRangeException(nameof(path)),
            };
        }

        return node;
    }

    /// <summary>One edit on one version of the text.</summary>
    private sealed class Splicer
    {
        private readonly string _text;
        private readonly string _file;
        private readonly YamlTextTree _tree;
        private readonly int _step;

        public Splicer(string text, string file)
        {
            _text = text;
            _file = file;
            _tree = YamlTextTree.Build(text);
            _step = IndentStep(_tree.Root);
        }

        public string Apply(ComposeEdit edit, ComposeMapping newRoot)
        {
            var target = Locate(edit.Path);
            if (target.IsFlow)
            {
                return Rewrite(edit.Path, newRoot);
            }

            switch (edit)
            {
                case ComposeEdit.SetEntry set:
                    return SetInBlock(target, set.Key, set.Value);
                case ComposeEdit.AddItem add:
                    {
                        var dash = DashColumn(target.Items[0], edit.Path);
                        return Insert(AfterDeeperComments(EndOfLines(target), dash), RenderItem(add.Item, dash));
                    }

                case ComposeEdit.ReplaceItem replace:
                    return OwnLineDash(target.Items[replace.Index]) < 0
                        ? Rewrite(edit.Path, newRoot)
                        : ReplaceItemInBlock(target, replace.Index, replace.Item, edit.Path, newRoot);
                case ComposeEdit.RemoveEntry remove:
                    {
                        var entry = target.FindEntry(remove.Key)
                            ?? throw Refuse($"'{ComposeEdit.Format(edit.Path.Add(remove.Key))}' comes from a YAML merge key ('<<'), not from this mapping");
                        if (target.Entries.Count == 1 || !OnlySpaceBefore(entry.Key.Start))
                        {
                            return Rewrite(edit.Path, newRoot);
                        }

                        var end = entry.Value.IsEmpty ? LineEndAfter(entry.Key.ContentEnd) : EndOfLines(entry.Value);
                        return Splice(LineStart(entry.Key.Start), end, string.Empty);
                    }

                case ComposeEdit.RemoveItem remove:
                    {
                        if (target.Items.Count == 1)
                        {
                            return Rewrite(edit.Path, newRoot);
                        }

                        var item = target.Items[remove.Index];
                        var dash = OwnLineDash(item);
                        return dash < 0 ? Rewrite(edit.Path, newRoot) : Splice(LineStart(dash), EndOfLines(item), string.Empty);
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(edit));
            }
        }

        /// <summary>Writes the node at <paramref name="path"/> again, whole, from the new model (block style).</summary>
        private string Rewrite(ImmutableArray<object> path, ComposeMapping newRoot)
        {
            if (path.IsEmpty)
            {
                throw Refuse("the top level of the file is written in flow style ({...})");
            }

            var parentPath = path.RemoveAt(path.Length - 1);
            var parent = Locate(parentPath);
            if (parent.IsFlow)
            {
                return Rewrite(parentPath, newRoot);
            }

            var value = ModelAt(newRoot, path);
            return path[^1] switch
            {
                string key => SetInBlock(parent, key, value),
                int index => ReplaceItemInBlock(parent, index, value, parentPath, newRoot),
                _ => throw new ArgumentOutOfRangeException(nameof(path)),
            };
        }

        private string SetInBlock(TextNode mapping, string key, ComposeNode value)
        {
            if (mapping.FindEntry(key) is not var (k, v))
            {
                var indent = mapping.Entries[0].Key.Column;
                return Insert(AfterDeeperComments(EndOfLines(mapping), indent), RenderEntry(new ComposeScalar(key), value, indent));
            }

            if (v.Kind == Kind.Scalar && !v.IsEmpty && value is ComposeScalar scalar)
            {
                var formatted = ComposeEmitter.FormatValue(scalar, k.Column);
                return formatted.IndexOf('\n', StringComparison.Ordinal) == formatted.Length - 1
                    ? Splice(v.Start, v.ContentEnd, formatted[..^1])
                    : Splice(v.Start, EndOfLines(v), formatted);
            }

            var colon = k.ContentEnd;
            while (colon < _text.Length && _text[colon] is ' ' or '\t')
            {
                colon++;
            }

            if (colon >= _text.Length || _text[colon] != ':')
            {
                throw Refuse($"the key '{key}' is not followed by ':' on its line (explicit '? key' form)");
            }

            var end = v.IsEmpty ? LineEndAfter(colon) : EndOfLines(v);
            return Splice(colon + 1, end, RenderValueAfterKey(value, k.Column));
        }

        private string ReplaceItemInBlock(TextNode sequence, int index, ComposeNode value, ImmutableArray<object> path, ComposeMapping newRoot)
        {
            var item = sequence.Items[index];
            if (item.Kind == Kind.Scalar && !item.IsEmpty && value is ComposeScalar scalar)
            {
                var formatted = ComposeEmitter.FormatValue(scalar, DashColumn(item, path));
                if (formatted.IndexOf('\n', StringComparison.Ordinal) == formatted.Length - 1)
                {
                    return Splice(item.Start, item.ContentEnd, formatted[..^1]);
                }
            }

            var dash = OwnLineDash(item);
            if (dash < 0)
            {
                return Rewrite(path, newRoot);
            }

            return Splice(LineStart(dash), EndOfLines(item), RenderItem(value, dash - LineStart(dash)));
        }

        private TextNode Locate(ImmutableArray<object> path)
        {
            var node = _tree.Root;
            for (var i = 0; i < path.Length; i++)
            {
                if (node.Kind == Kind.Alias)
                {
                    throw Refuse($"'{ComposeEdit.Format(path.Take(i))}' is a YAML alias (*name); edit the anchored node by hand");
                }

                var next = path[i] switch
                {
                    string key when node.Kind == Kind.Mapping => node.FindValue(key),
                    int index when node.Kind == Kind.Sequence && index < node.Items.Count => node.Items[index],
                    _ => null,
                };
                node = next ?? throw Refuse($"'{ComposeEdit.Format(path.Take(i + 1))}' is not written in this file (it comes from a YAML merge key or alias)");
            }

            if (node.Kind == Kind.Alias)
            {
                throw Refuse($"'{ComposeEdit.Format(path)}' is a YAML alias (*name); edit the anchored node by hand");
            }

            return node;
        }

        private string RenderEntry(ComposeScalar key, ComposeNode value, int indent) =>
            new string(' ', indent) + ComposeEmitter.FormatInline(key) + ":" + RenderValueAfterKey(value, indent);

        private string RenderValueAfterKey(ComposeNode value, int keyColumn)
        {
            switch (value)
            {
                case ComposeScalar { Type: ScalarType.Null }:
                    return "\n";
                case ComposeScalar scalar:
                    return " " + ComposeEmitter.FormatValue(scalar, keyColumn);
                case ComposeMapping { Entries.IsEmpty: true }:
                    return " {}\n";
                case ComposeSequence { Items.IsEmpty: true }:
                    return " []\n";
                case ComposeMapping mapping:
                    {
                        var builder = new StringBuilder("\n");
                        foreach (var entry in mapping.Entries)
                        {
                            builder.Append(RenderEntry(entry.Key, entry.Value, keyColumn + _step));
                        }

                        return builder.ToString();
                    }

                case ComposeSequence sequence:
                    {
                        var builder = new StringBuilder("\n");
                        foreach (var item in sequence.Items)
                        {
                            builder.Append(RenderItem(item, keyColumn + _step));
                        }

                        return builder.ToString();
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(value));
            }
        }

        private string RenderItem(ComposeNode item, int dashColumn)
        {
            var dash = new string(' ', dashColumn) + "- ";
            switch (item)
            {
                case ComposeScalar scalar:
                    return dash + ComposeEmitter.FormatValue(scalar, dashColumn);
                case ComposeMapping { Entries.IsEmpty: true }:
                    return dash + "{}\n";
                case ComposeSequence { Items.IsEmpty: true }:
                    return dash + "[]\n";
                case ComposeMapping mapping:
                    {
                        var builder = new StringBuilder(dash);
                        for (var i = 0; i < mapping.Entries.Length; i++)
                        {
                            var entry = RenderEntry(mapping.Entries[i].Key, mapping.Entries[i].Value, dashColumn + 2);
                            builder.Append(i == 0 ? entry[(dashColumn + 2)..] : entry);
                        }

                        return builder.ToString();
                    }

                case ComposeSequence sequence:
                    {
                        var builder = new StringBuilder(dash);
                        for (var i = 0; i < sequence.Items.Length; i++)
                        {
                            var rendered = RenderItem(sequence.Items[i], dashColumn + 2);
                            builder.Append(i == 0 ? rendered[(dashColumn + 2)..] : rendered);
                        }

                        return builder.ToString();
                    }

                default:
                    throw new ArgumentOutOfRangeException(nameof(item));
            }
        }

        /// <summary>The offset of the <c>-</c> that introduces <paramref name="item"/> in a block sequence, or -1.</summary>
        private int FindDash(TextNode item)
        {
            var i = item.Start - 1;
            while (i >= 0 && _text[i] is ' ' or '\t')
            {
                i--;
            }

            return i >= 0 && _text[i] == '-' ? i : -1;
        }

        /// <summary>The dash of an item that starts its own line (<c>  - x</c>, not the inner one of <c>- - x</c>), or -1.</summary>
        private int OwnLineDash(TextNode item)
        {
            var dash = FindDash(item);
            return dash >= 0 && OnlySpaceBefore(dash) ? dash : -1;
        }

        /// <summary>The column of the dash of <paramref name="item"/>, also inside compact nesting (<c>- - x</c>).</summary>
        private int DashColumn(TextNode item, ImmutableArray<object> path)
        {
            var dash = FindDash(item);
            var lineStart = dash < 0 ? 0 : LineStart(dash);
            for (var i = lineStart; i < dash; i++)
            {
                if (_text[i] is not (' ' or '-'))
                {
                    dash = -1;
                    break;
                }
            }

            return dash >= 0
                ? dash - lineStart
                : throw Refuse($"an item of '{ComposeEdit.Format(path)}' does not start with '- '");
        }

        private bool OnlySpaceBefore(int index)
        {
            for (var i = LineStart(index); i < index; i++)
            {
                if (_text[i] is not (' ' or '\t'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The offset after the last line of <paramref name="node"/>, including lines a <c>|+</c> scalar keeps.</summary>
        private int EndOfLines(TextNode node)
        {
            var leaf = node;
            while (true)
            {
                if (leaf.Kind == Kind.Mapping && !leaf.IsFlow && leaf.Entries.Count > 0)
                {
                    var (key, value) = leaf.Entries[^1];
                    leaf = value.IsEmpty ? key : value;
                }
                else if (leaf.Kind == Kind.Sequence && !leaf.IsFlow && leaf.Items.Count > 0)
                {
                    leaf = leaf.Items[^1];
                }
                else
                {
                    break;
                }
            }

            if (leaf.KeptLinesEnd >= 0)
            {
                return leaf.KeptLinesEnd > 0 && _text[leaf.KeptLinesEnd - 1] == '\n' ? leaf.KeptLinesEnd : LineEndAfter(leaf.KeptLinesEnd);
            }

            return LineEndAfter(Math.Max(node.ContentEnd, leaf.ContentEnd));
        }

        private int LineStart(int index) => index == 0 ? 0 : _text.LastIndexOf('\n', index - 1) + 1;

        private int LineEndAfter(int index)
        {
            var newline = _text.IndexOf('\n', Math.Min(index, _text.Length));
            return newline < 0 ? _text.Length : newline + 1;
        }

        /// <summary>
        /// Skips the comment lines at <paramref name="at"/> that are indented deeper than <paramref name="indent"/>: they
        /// belong to the block above (a commented-out setting), so the new node goes after them.
        /// </summary>
        private int AfterDeeperComments(int at, int indent)
        {
            while (at < _text.Length)
            {
                var column = 0;
                while (at + column < _text.Length && _text[at + column] == ' ')
                {
                    column++;
                }

                if (column <= indent || at + column >= _text.Length || _text[at + column] != '#')
                {
                    break;
                }

                at = LineEndAfter(at);
            }

            return at;
        }

        private string Insert(int at, string yaml)
        {
            if (at == _text.Length && _text.Length > 0 && _text[^1] != '\n')
            {
                yaml = "\n" + yaml;
            }

            return Splice(at, at, yaml);
        }

        private string Splice(int start, int end, string replacement)
        {
            if (_text.Contains("\r\n", StringComparison.Ordinal))
            {
                replacement = replacement.Replace("\n", "\r\n", StringComparison.Ordinal);
            }

            return string.Concat(_text.AsSpan(0, start), replacement, _text.AsSpan(end));
        }

        private ComposeEditException Refuse(string reason) =>
            new($"{_file}: cannot edit the file safely: {reason}. Make the change by hand.");

        /// <summary>The file's indentation step, taken from the first service under <c>services:</c>; 2 if unknown.</summary>
        private static int IndentStep(TextNode root)
        {
            if (root.FindEntry("services") is var (key, services) && services is { Kind: Kind.Mapping, IsFlow: false, Entries.Count: > 0 })
            {
                var step = services.Entries[0].Key.Column - key.Column;
                if (step > 0)
                {
                    return step;
                }
            }

            return 2;
        }
    }
}
