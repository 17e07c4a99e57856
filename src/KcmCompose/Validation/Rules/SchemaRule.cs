using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// <c>unknown-key</c> (with a did-you-mean), <c>invalid-type</c> (a list where a mapping belongs...) and
/// <c>version-obsolete</c>, over every section of the file.
/// </summary>
internal sealed class SchemaRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        if (context.Root.Find("version") is { } version)
        {
            sink.Add(context.At(DiagnosticCatalog.VersionObsolete, version.Key, "version", (version.Value as ComposeScalar)?.Value));
        }

        CheckMapping(context, sink, context.Root, ComposeSchema.TopLevel, string.Empty);
    }

    private static void CheckMapping(ValidationContext context, ICollection<Diagnostic> sink, ComposeMapping mapping, KeyTable table, string path)
    {
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            var keyPath = NodePath.Child(path, key);
            if (table.AllowsExtensions && key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!table.Keys.TryGetValue(key, out var spec))
            {
                var suggestion = EditDistance.Suggest(key, table.Keys.Keys);
                var fix = suggestion is not null
                    ? $"Did you mean '{suggestion}'? Rename the key."
                    : table.AllowsExtensions
                        ? "Remove the key, or rename it to start with 'x-' to keep it as an extension."
                        : "Remove the key.";
                sink.Add(context.At(DiagnosticCatalog.UnknownKey, entry.Key, keyPath, key, key, table.Kind, fix));
                continue;
            }

            if (!CheckShape(context, sink, entry.Value, spec.Shape, keyPath, key))
            {
                continue;
            }

            if (spec.Keys is not null && entry.Value is ComposeMapping nested)
            {
                CheckMapping(context, sink, nested, spec.Keys, keyPath);
            }

            if (spec.ItemKeys is not null)
            {
                CheckItems(context, sink, entry.Value, spec.ItemKeys, keyPath);
            }
        }
    }

    private static void CheckItems(ValidationContext context, ICollection<Diagnostic> sink, ComposeNode value, KeyTable itemKeys, string path)
    {
        switch (value)
        {
            case ComposeMapping named:
                foreach (var item in named.Entries)
                {
                    var itemPath = NodePath.Child(path, item.Key.Value);
                    if (item.Value is ComposeMapping itemMapping)
                    {
                        CheckMapping(context, sink, itemMapping, itemKeys, itemPath);
                    }
                    else
                    {
                        CheckShape(context, sink, item.Value, NodeShape.Mapping, itemPath, item.Key.Value);
                    }
                }

                break;
            case ComposeSequence sequence:
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    var itemPath = NodePath.Item(path, i);
                    if (sequence.Items[i] is ComposeMapping itemMapping)
                    {
                        CheckMapping(context, sink, itemMapping, itemKeys, itemPath);
                    }
                    else
                    {
                        CheckShape(context, sink, sequence.Items[i], NodeShape.Scalar | NodeShape.Mapping, itemPath, itemPath);
                    }
                }

                break;
        }
    }

    private static bool CheckShape(ValidationContext context, ICollection<Diagnostic> sink, ComposeNode value, NodeShape allowed, string path, string key)
    {
        if (IsNull(value))
        {
            return true;
        }

        var actual = value switch
        {
            ComposeMapping => NodeShape.Mapping,
            ComposeSequence => NodeShape.Sequence,
            _ => NodeShape.Scalar,
        };
        if ((allowed & actual) != 0)
        {
            return true;
        }

        var message = $"'{path}' must be {Describe(allowed)}, not {Describe(actual)}.";
        var fix = $"Write '{key}' as {Describe(allowed)}; see the Compose specification for its syntax.";
        sink.Add(context.At(DiagnosticCatalog.InvalidType, value, path, (value as ComposeScalar)?.Value, message, fix));
        return false;
    }

    private static bool IsNull(ComposeNode node) => node is ComposeScalar { Type: ScalarType.Null };

    internal static string Describe(NodeShape shape) => shape switch
    {
        NodeShape.Scalar => "a single value",
        NodeShape.Sequence => "a list",
        NodeShape.Mapping => "a mapping",
        NodeShape.Scalar | NodeShape.Sequence => "a single value or a list",
        NodeShape.Scalar | NodeShape.Mapping => "a single value or a mapping",
        NodeShape.Sequence | NodeShape.Mapping => "a list or a mapping",
        _ => "a value",
    };
}
