using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalarStyle = YamlDotNet.Core.ScalarStyle;

namespace KcmCompose.Compose;

/// <summary>
/// Where each node of a YAML text sits, as written (aliases and <c>&lt;&lt;</c> merges NOT expanded): the side table the
/// text editor uses to splice. The model (<see cref="ComposeDocument"/>) says what the file means; this says where.
/// </summary>
internal sealed class YamlTextTree
{
    private YamlTextTree(Node root) => Root = root;

    public Node Root { get; }

    internal enum NodeKind
    {
        Scalar,
        Mapping,
        Sequence,
        Alias,
    }

    /// <summary>One node; indexes are character offsets into the text.</summary>
    internal sealed class Node
    {
        public required NodeKind Kind { get; init; }

        /// <summary>Offset of the first character (the quote, <c>[</c>, <c>{</c>, <c>|</c>, or the first key/dash of a block).</summary>
        public required int Start { get; init; }

        /// <summary>Offset just after the last character that belongs to the node (trailing line breaks of block scalars excluded).</summary>
        public int ContentEnd { get; set; }

        /// <summary>0-based column of <see cref="Start"/>.</summary>
        public required int Column { get; init; }

        public bool IsFlow { get; init; }

        /// <summary>
        /// For a block scalar whose value keeps trailing line breaks (<c>|+</c>): the offset after its last line, which
        /// lies past <see cref="ContentEnd"/>'s line; -1 otherwise.
        /// </summary>
        public int KeptLinesEnd { get; init; } = -1;

        /// <summary>An empty plain scalar (<c>key:</c> with nothing after it).</summary>
        public bool IsEmpty { get; init; }

        public string? Value { get; init; }

        public List<(Node Key, Node Value)> Entries { get; } = [];

        public List<Node> Items { get; } = [];

        public Node? FindValue(string key)
        {
            foreach (var (k, v) in Entries)
            {
                if (k.Kind == NodeKind.Scalar && string.Equals(k.Value, key, StringComparison.Ordinal))
                {
                    return v;
                }
            }

            return null;
        }

        public (Node Key, Node Value)? FindEntry(string key)
        {
            foreach (var entry in Entries)
            {
                if (entry.Key.Kind == NodeKind.Scalar && string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            return null;
        }
    }

    /// <summary>Builds the tree; the text must already have parsed as a <see cref="ComposeDocument"/>.</summary>
    public static YamlTextTree Build(string text)
    {
        using var reader = new StringReader(text);
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        parser.Consume<DocumentStart>();
        var root = Read(parser, text);
        return new YamlTextTree(root);
    }

    private static Node Read(IParser parser, string text)
    {
        var current = parser.Current!;
        parser.MoveNext();
        switch (current)
        {
            case Scalar scalar:
                {
                    var start = (int)scalar.Start.Index;
                    var end = (int)scalar.End.Index;
                    var keptLinesEnd = -1;
                    if (scalar.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
                    {
                        if (scalar.Value.EndsWith("\n\n", StringComparison.Ordinal))
                        {
                            keptLinesEnd = end;
                        }

                        while (end > start && text[end - 1] is '\n' or '\r' or ' ' or '\t')
                        {
                            end--;
                        }
                    }

                    return new Node
                    {
                        Kind = NodeKind.Scalar,
                        Start = start,
                        ContentEnd = end,
                        Column = (int)scalar.Start.Column - 1,
                        Value = scalar.Value,
                        KeptLinesEnd = keptLinesEnd,
                        IsEmpty = scalar.Style == YamlScalarStyle.Plain && scalar.Value.Length == 0 && scalar.Tag.IsEmpty,
                    };
                }

            case AnchorAlias alias:
                return new Node { Kind = NodeKind.Alias, Start = (int)alias.Start.Index, ContentEnd = (int)alias.End.Index, Column = (int)alias.Start.Column - 1 };
            case SequenceStart start:
                {
                    var node = new Node
                    {
                        Kind = NodeKind.Sequence,
                        Start = (int)start.Start.Index,
                        Column = (int)start.Start.Column - 1,
                        IsFlow = start.Style == SequenceStyle.Flow,
                    };
                    node.ContentEnd = node.Start;
                    var endIndex = 0;
                    while (true)
                    {
                        if (parser.TryConsume<SequenceEnd>(out var end))
                        {
                            endIndex = (int)end.End.Index;
                            break;
                        }

                        var item = Read(parser, text);
                        node.Items.Add(item);
                        node.ContentEnd = Math.Max(node.ContentEnd, item.ContentEnd);
                    }

                    if (node.IsFlow)
                    {
                        node.ContentEnd = endIndex;
                    }

                    return node;
                }

            case MappingStart start:
                {
                    var node = new Node
                    {
                        Kind = NodeKind.Mapping,
                        Start = (int)start.Start.Index,
                        Column = (int)start.Start.Column - 1,
                        IsFlow = start.Style == MappingStyle.Flow,
                    };
                    node.ContentEnd = node.Start;
                    var endIndex = 0;
                    while (true)
                    {
                        if (parser.TryConsume<MappingEnd>(out var end))
                        {
                            endIndex = (int)end.End.Index;
                            break;
                        }

                        var key = Read(parser, text);
                        var value = Read(parser, text);
                        node.Entries.Add((key, value));
                        node.ContentEnd = Math.Max(node.ContentEnd, value.IsEmpty ? key.ContentEnd : Math.Max(key.ContentEnd, value.ContentEnd));
                    }

                    if (node.IsFlow)
                    {
                        node.ContentEnd = endIndex;
                    }

                    return node;
                }

            default:
                throw new InvalidOperationException($"Unexpected YAML event {current.GetType().Name}.");
        }
    }
}
