using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace KcmCompose.Compose;

/// <summary>
/// Builds compose nodes from YamlDotNet parser events: the single loading mechanism. Aliases share the anchored
/// (immutable) node, so expansion costs nothing in memory, but every node counts towards
/// <see cref="MaxExpandedNodes"/> and <see cref="MaxDepth"/> as if expanded, which stops alias bombs.
/// </summary>
internal sealed class ComposeYamlReader
{
    /// <summary>The most nodes a document may hold once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>The deepest nesting of mappings and sequences allowed, counting through aliases.</summary>
    public const int MaxDepth = 256;

    private const string _mergeTag = "tag:yaml.org,2002:merge";
    private const string _strTag = "tag:yaml.org,2002:str";

    private readonly IParser _parser;
    private readonly string _file;
    private readonly Dictionary<string, Built> _anchors = new(StringComparer.Ordinal);

    private ComposeYamlReader(IParser parser, string file)
    {
        _parser = parser;
        _file = file;
    }

    private readonly record struct Built(ComposeNode Node, long Size, int Height);

    public static ComposeMapping Read(string yaml, string file) => Load(yaml, file, r => r.ReadStream());

    /// <summary>
    /// Reads a YAML (or JSON) value of any kind, such as the text of an environment variable that holds YAML; an empty
    /// text is a null scalar. Locations count lines and columns within <paramref name="yaml"/>.
    /// </summary>
    internal static ComposeNode ReadValue(string yaml, string file) => Load(yaml, file, r => r.ReadSingleValue());

    private static T Load<T>(string yaml, string file, Func<ComposeYamlReader, T> read)
    {
        using var reader = new StringReader(yaml);
        var instance = new ComposeYamlReader(new GuardedParser(new Parser(reader), file), file);
        try
        {
            return read(instance);
        }
        catch (YamlException e)
        {
            throw new ComposeLoadException(
                "Invalid YAML: " + StripMarks(e.Message),
                instance.At(e.Start),
                "Fix the YAML syntax at this place (indentation, quotes, a missing ':' or '-').",
                e);
        }
    }

    private ComposeNode ReadSingleValue()
    {
        Expect<StreamStart>();
        if (_parser.Accept<StreamEnd>(out _))
        {
            return ComposeScalar.Null;
        }

        Expect<DocumentStart>();
        var root = ReadNode(depth: 0);
        Expect<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            throw new ComposeLoadException("The value holds more than one YAML document ('---' separator).", At(second.Start), "Keep a single YAML value.");
        }

        return root.Node;
    }

    private ComposeMapping ReadStream()
    {
        Expect<StreamStart>();
        if (_parser.Accept<StreamEnd>(out var end))
        {
            throw new ComposeLoadException(
                "The compose file is empty.",
                At(end.Start),
                "Add at least a 'services:' mapping.");
        }

        var documentStart = Expect<DocumentStart>();
        var root = ReadNode(depth: 0);
        Expect<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            throw new ComposeLoadException(
                "The file holds more than one YAML document ('---' separator).",
                At(second.Start),
                "Keep a single document per compose file; use several files with -f to combine them.");
        }

        if (root.Node is ComposeMapping mapping)
        {
            return mapping;
        }

        if (root.Node is ComposeScalar { Type: ScalarType.Null })
        {
            throw new ComposeLoadException(
                "The compose file holds no content (only comments or an empty document).",
                root.Node.Location ?? At(documentStart.Start),
                "Add at least a 'services:' mapping.");
        }

        throw new ComposeLoadException(
            $"The top level of a compose file must be a mapping, but this is a {Describe(root.Node)}.",
            root.Node.Location,
            "Start the file with keys such as 'services:' at column 1.");
    }

    private Built ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new ComposeLoadException("Unexpected end of the YAML stream.", null, string.Empty);
        switch (current)
        {
            case Scalar scalar:
                _parser.MoveNext();
                return Register(scalar.Anchor, new Built(ToScalar(scalar), 1, 0));
            case AnchorAlias alias:
                _parser.MoveNext();
                return Resolve(alias, depth);
            case SequenceStart start:
                _parser.MoveNext();
                CheckDepth(depth, start.Start);
                return Register(start.Anchor, ReadSequence(start, depth + 1));
            case MappingStart start:
                _parser.MoveNext();
                CheckDepth(depth, start.Start);
                return Register(start.Anchor, ReadMapping(start, depth + 1));
            default:
                throw new ComposeLoadException($"Unexpected YAML event {current.GetType().Name}.", At(current.Start), string.Empty);
        }
    }

    private Built ReadSequence(SequenceStart start, int depth)
    {
        var items = ImmutableArray.CreateBuilder<ComposeNode>();
        long size = 1;
        var height = 0;
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode(depth);
            items.Add(item.Node);
            size += item.Size;
            height = Math.Max(height, item.Height);
        }

        CheckSize(size, start.Start);
        return new Built(new ComposeSequence(items.DrainToImmutable()) { Location = At(start.Start) }, size, height + 1);
    }

    private Built ReadMapping(MappingStart start, int depth)
    {
        var entries = ImmutableArray.CreateBuilder<ComposeEntry>();
        List<(int Position, ComposeEntry Entry)>? merges = null;
        HashSet<string>? seen = null;
        long size = 1;
        var height = 0;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            var key = ReadNode(depth);
            if (key.Node is not ComposeScalar keyScalar)
            {
                throw new ComposeLoadException(
                    $"A mapping key must be a plain value, but this key is a {Describe(key.Node)}.",
                    key.Node.Location,
                    "Write keys as simple text.");
            }

            var value = ReadNode(depth);
            size += 1 + value.Size;
            height = Math.Max(height, value.Height);
            if (keyEvent is Scalar { Value: "<<" } mergeKey && IsMergeKey(mergeKey))
            {
                (merges ??= []).Add((entries.Count, new ComposeEntry(keyScalar, value.Node)));
                continue;
            }

            if (!AddKey(ref seen, entries, keyScalar.Value))
            {
                throw new ComposeLoadException(
                    $"Duplicate key '{keyScalar.Value}' in this mapping.",
                    keyScalar.Location,
                    "Remove one of the two entries; YAML keys must be unique.");
            }

            entries.Add(new ComposeEntry(keyScalar, value.Node));
        }

        CheckSize(size, start.Start);
        var mapping = merges is null
            ? new ComposeMapping(entries.DrainToImmutable())
            : ApplyMerges(entries, merges, seen);
        return new Built(mapping with { Location = At(start.Start) }, size, height + 1);
    }

    private static bool IsMergeKey(Scalar key) =>
        key.Tag.IsEmpty ? key.Style == YamlScalarStyle.Plain : key.Tag.Value == _mergeTag;

    private static bool AddKey(ref HashSet<string>? seen, ImmutableArray<ComposeEntry>.Builder entries, string key)
    {
        // Small mappings scan; big ones (a 2,000-service 'services:') switch to a set.
        if (seen is null && entries.Count < 16)
        {
            foreach (var entry in entries)
            {
                if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        if (seen is null)
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                seen.Add(entry.Key.Value);
            }
        }

        return seen.Add(key);
    }

    /// <summary>
    /// Puts, where each <c>&lt;&lt;</c> entry stood, the entries of the mapping(s) it names that the mapping does
    /// not set itself; in a list of mappings the earlier one wins, as the YAML merge key type specifies.
    /// </summary>
    private static ComposeMapping ApplyMerges(
        ImmutableArray<ComposeEntry>.Builder entries,
        List<(int Position, ComposeEntry Entry)> merges,
        HashSet<string>? seen)
    {
        var taken = seen is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(seen, StringComparer.Ordinal);
        if (seen is null)
        {
            foreach (var entry in entries)
            {
                taken.Add(entry.Key.Value);
            }
        }

        var result = ImmutableArray.CreateBuilder<ComposeEntry>(entries.Count);
        var next = 0;
        for (var i = 0; i <= entries.Count; i++)
        {
            while (next < merges.Count && merges[next].Position == i)
            {
                foreach (var source in MergeSources(merges[next].Entry))
                {
                    foreach (var merged in source.Entries)
                    {
                        if (taken.Add(merged.Key.Value))
                        {
                            result.Add(merged);
                        }
                    }
                }

                next++;
            }

            if (i < entries.Count)
            {
                result.Add(entries[i]);
            }
        }

        return new ComposeMapping(result.DrainToImmutable());
    }

    private static IEnumerable<ComposeMapping> MergeSources(ComposeEntry merge)
    {
        switch (merge.Value)
        {
            case ComposeMapping mapping:
                yield return mapping;
                break;
            case ComposeSequence sequence:
                foreach (var item in sequence.Items)
                {
                    yield return item as ComposeMapping ?? throw BadMerge(item);
                }

                break;
            default:
                throw BadMerge(merge.Value);
        }
    }

    private static ComposeLoadException BadMerge(ComposeNode node) =>
        new(
            $"A '<<' merge key needs a mapping or a list of mappings, but this is a {Describe(node)}.",
            node.Location,
            "Write '<<: *anchor' or '<<: [*a, *b]' where each anchor names a mapping.");

    private Built Resolve(AnchorAlias alias, int depth)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var built))
        {
            throw new ComposeLoadException(
                $"Alias '*{alias.Value.Value}' refers to no anchor defined before it.",
                At(alias.Start),
                $"Define '&{alias.Value.Value}' on a node above this line, or fix the name.");
        }

        if (depth + built.Height > MaxDepth)
        {
            throw new ComposeLoadException(
                $"Expanding alias '*{alias.Value.Value}' nests the document deeper than {MaxDepth} levels.",
                At(alias.Start),
                "Flatten the document; aliases may not build structures this deep.");
        }

        var node = built.Node with { Location = At(alias.Start) };
        return built with { Node = node };
    }

    /// <summary>
    /// Every collection's size counts its subtree as if aliases were expanded; checking each one keeps the sums
    /// small (no overflow) and stops a bomb at the first collection that grows too big.
    /// </summary>
    private void CheckSize(long size, Mark at)
    {
        if (size > MaxExpandedNodes)
        {
            throw new ComposeLoadException(
                $"The document expands to more than {MaxExpandedNodes:N0} nodes once aliases are expanded (an alias bomb?).",
                At(at),
                "Remove the nested aliases; a compose file never needs this many values.");
        }
    }

    private void CheckDepth(int depth, Mark at)
    {
        if (depth >= MaxDepth)
        {
            throw new ComposeLoadException(
                $"The document nests mappings and lists deeper than {MaxDepth} levels.",
                At(at),
                "Flatten the document; compose files are a few levels deep.");
        }
    }

    private Built Register(AnchorName anchor, Built built)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = built;
        }

        return built;
    }

    private ComposeScalar ToScalar(Scalar scalar)
    {
        var style = scalar.Style switch
        {
            YamlScalarStyle.Plain => ScalarStyle.Plain,
            YamlScalarStyle.SingleQuoted => ScalarStyle.SingleQuoted,
            YamlScalarStyle.DoubleQuoted => ScalarStyle.DoubleQuoted,
            YamlScalarStyle.Literal => ScalarStyle.Literal,
            YamlScalarStyle.Folded => ScalarStyle.Folded,
            _ => ScalarStyle.Any,
        };
        var type = ResolveType(scalar, style);
        var value = type == ScalarType.Null ? string.Empty : scalar.Value;
        return new ComposeScalar(value, type) { Style = style, Location = At(scalar.Start) };
    }

    private static ScalarType ResolveType(Scalar scalar, ScalarStyle style)
    {
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                _strTag or "!" => ScalarType.String,
                "tag:yaml.org,2002:int" => ScalarType.Integer,
                "tag:yaml.org,2002:float" => ScalarType.Float,
                "tag:yaml.org,2002:bool" => ScalarType.Boolean,
                "tag:yaml.org,2002:null" => ScalarType.Null,
                _mergeTag => ScalarType.String,
                _ => style == ScalarStyle.Plain ? YamlScalars.ResolvePlain(scalar.Value) : ScalarType.String,
            };
        }

        if (style != ScalarStyle.Plain)
        {
            return ScalarType.String;
        }

        return YamlScalars.ResolvePlain(scalar.Value);
    }

    private T Expect<T>()
        where T : ParsingEvent
    {
        if (_parser.Current is null)
        {
            _parser.MoveNext();
        }

        if (_parser.Current is T found)
        {
            _parser.MoveNext();
            return found;
        }

        var current = _parser.Current;
        throw new ComposeLoadException(
            $"Unexpected YAML content ({current?.GetType().Name ?? "end of file"}).",
            current is null ? null : At(current.Start),
            "Fix the YAML structure at this place.");
    }

    private SourceLocation At(Mark mark) => new(_file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private static string Describe(ComposeNode node) => node switch
    {
        ComposeSequence => "list",
        ComposeMapping => "mapping",
        ComposeScalar { Type: ScalarType.Null } => "null value",
        _ => "single value",
    };

    private static string StripMarks(string message)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line: ...): "; the location is reported separately.
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && index >= 0 ? message[(index + 3)..] : message;
    }

    /// <summary>
    /// YamlDotNet reports bad YAML as <see cref="YamlException"/>, but a few malformed inputs make its scanner fail
    /// with other exceptions; those become a <see cref="ComposeLoadException"/> at the last place read correctly.
    /// </summary>
    private sealed class GuardedParser(IParser inner, string file) : IParser
    {
        private Mark _lastGood = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            try
            {
                var moved = inner.MoveNext();
                if (inner.Current is { } current)
                {
                    _lastGood = current.End;
                }

                return moved;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException
                or NullReferenceException or FormatException or OverflowException or KeyNotFoundException)
            {
                throw new ComposeLoadException(
                    $"Invalid YAML after this place: the YAML reader could not continue ({e.Message}).",
                    new SourceLocation(file, (int)Math.Max(1, _lastGood.Line), (int)Math.Max(1, _lastGood.Column)),
                    "Check the YAML syntax just after this place (stray '%', brackets or quotes).",
                    e);
            }
        }
    }
}
