using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// Merges compose files in order as Compose does (https://github.com/compose-spec/compose-spec/blob/main/13-merge.md):
/// mappings merge key by key, a later single value replaces an earlier one, sequences are appended, and the keys that
/// are really keyed collections merge by their key: <c>environment</c>, <c>labels</c>, <c>annotations</c>,
/// <c>extra_hosts</c>, <c>sysctls</c> by name, <c>volumes</c> by container path, <c>secrets</c>/<c>configs</c> by
/// source, <c>ports</c> without repeats; <c>command</c>, <c>entrypoint</c> and a healthcheck's <c>test</c> are replaced
/// whole. Every node keeps the location of the file it came from.
/// </summary>
internal static class ComposeMerge
{
    private static readonly HashSet<string> _replaced = new(StringComparer.Ordinal) { "command", "entrypoint", "test" };
    private static readonly HashSet<string> _byName = new(StringComparer.Ordinal) { "environment", "labels", "annotations", "extra_hosts", "sysctls" };

    /// <summary>The documents merged in order; the result is labelled with the first document's file.</summary>
    public static ComposeDocument Merge(IReadOnlyList<ComposeDocument> documents)
    {
        ArgumentOutOfRangeException.ThrowIfZero(documents.Count);
        var root = documents[0].Root;
        for (var i = 1; i < documents.Count; i++)
        {
            root = MergeMapping(root, documents[i].Root, depth: 0);
        }

        return documents[0] with { Root = root };
    }

    private static ComposeMapping MergeMapping(ComposeMapping base_, ComposeMapping over, int depth)
    {
        var entries = base_.Entries.ToBuilder();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            index[entries[i].Key.Value] = i;
        }

        foreach (var entry in over.Entries)
        {
            if (!index.TryGetValue(entry.Key.Value, out var at))
            {
                index[entry.Key.Value] = entries.Count;
                entries.Add(entry);
                continue;
            }

            var merged = MergeValue(entry.Key.Value, entries[at].Value, entry.Value, depth + 1);
            entries[at] = new ComposeEntry(entries[at].Key, merged);
        }

        return base_ with { Entries = entries.ToImmutable() };
    }

    private static ComposeNode MergeValue(string key, ComposeNode base_, ComposeNode over, int depth)
    {
        // Under services.NAME (depth 3) the keyed collections and the replaced commands have their own rule.
        if (depth == 3 && _byName.Contains(key))
        {
            return MergeByName(base_, over);
        }

        if (_replaced.Contains(key) && depth >= 3)
        {
            return over;
        }

        return (base_, over) switch
        {
            (ComposeMapping a, ComposeMapping b) => MergeMapping(a, b, depth),
            (ComposeSequence a, ComposeSequence b) when depth == 3 && key == "volumes" => MergeKeyed(a, b, VolumeTarget),
            (ComposeSequence a, ComposeSequence b) when depth == 3 && key is "secrets" or "configs" => MergeKeyed(a, b, SourceOf),
            (ComposeSequence a, ComposeSequence b) when depth == 3 && key == "ports" => MergeKeyed(a, b, n => n is ComposeScalar s ? s.Value : null),
            (ComposeSequence a, ComposeSequence b) => a with { Items = a.Items.AddRange(b.Items) },
            _ => over,
        };
    }

    /// <summary><c>NAME=value</c> lists and <c>NAME: value</c> mappings merged by name; a list stays a list when both are lists.</summary>
    private static ComposeNode MergeByName(ComposeNode base_, ComposeNode over)
    {
        if (base_ is ComposeSequence a && over is ComposeSequence b)
        {
            return MergeKeyed(a, b, n => n is ComposeScalar s ? NameOf(s.Value) : null);
        }

        var left = AsMapping(base_);
        var right = AsMapping(over);
        return left is null || right is null ? over : MergeMapping(left, right, depth: 4);
    }

    private static ComposeSequence MergeKeyed(ComposeSequence a, ComposeSequence b, Func<ComposeNode, string?> keyOf)
    {
        var items = a.Items.ToBuilder();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (keyOf(items[i]) is { } key)
            {
                index[key] = i;
            }
        }

        foreach (var item in b.Items)
        {
            if (keyOf(item) is { } key && index.TryGetValue(key, out var at))
            {
                items[at] = item;
            }
            else
            {
                if (keyOf(item) is { } added)
                {
                    index[added] = items.Count;
                }

                items.Add(item);
            }
        }

        return a with { Items = items.ToImmutable() };
    }

    private static ComposeMapping? AsMapping(ComposeNode node)
    {
        switch (node)
        {
            case ComposeMapping mapping:
                return mapping;
            case ComposeSequence sequence:
                var entries = ImmutableArray.CreateBuilder<ComposeEntry>();
                foreach (var item in sequence.Items)
                {
                    if (item is not ComposeScalar scalar)
                    {
                        return null;
                    }

                    var equals = scalar.Value.IndexOf('=', StringComparison.Ordinal);
                    var key = new ComposeScalar(equals < 0 ? scalar.Value : scalar.Value[..equals]) { Location = scalar.Location };
                    ComposeNode value = equals < 0 ? ComposeScalar.Null with { Location = scalar.Location } : new ComposeScalar(scalar.Value[(equals + 1)..]) { Location = scalar.Location };
                    entries.Add(new ComposeEntry(key, value));
                }

                return new ComposeMapping(entries.ToImmutable()) { Location = sequence.Location };
            default:
                return null;
        }
    }

    private static string NameOf(string item)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? item : item[..equals];
    }

    private static string? VolumeTarget(ComposeNode node) => node switch
    {
        ComposeMapping long_ => long_["target"] is ComposeScalar target ? target.Value : null,
        ComposeScalar short_ => ShortTarget(short_.Value),
        _ => null,
    };

    private static string ShortTarget(string text)
    {
        var parts = text.Split(':');
        return parts.Length >= 2 ? parts[1] : parts[0];
    }

    private static string? SourceOf(ComposeNode node) => node switch
    {
        ComposeMapping long_ => long_["source"] is ComposeScalar source ? source.Value : null,
        ComposeScalar short_ => short_.Value,
        _ => null,
    };
}
