using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>A YAML mapping whose entries keep their source order.</summary>
/// <param name="Entries">The entries in order; keys are unique.</param>
public sealed record ComposeMapping(ImmutableArray<ComposeEntry> Entries) : ComposeNode
{
    /// <summary>An empty mapping.</summary>
    public static ComposeMapping Empty { get; } = new(ImmutableArray<ComposeEntry>.Empty);

    /// <summary>From this many entries, lookups go through a key index instead of a scan.</summary>
    internal const int IndexThreshold = 16;

    // Built lazily by IndexOf and replaced when Entries is not the array it was built for; not part of equality.
    private KeyIndex? _index;

    /// <summary>The value under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public ComposeNode? this[string key] => Find(key)?.Value;

    /// <summary>The entry whose key is <paramref name="key"/>, or <see langword="null"/>.</summary>
    public ComposeEntry? Find(string key) => IndexOf(key) is var i and >= 0 ? Entries[i] : null;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>, in place if present, else appended.</summary>
    public ComposeMapping Set(string key, ComposeNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var i = IndexOf(key);
        return i >= 0
            ? this with { Entries = Entries.SetItem(i, Entries[i] with { Value = value }) }
            : this with { Entries = Entries.Add(new ComposeEntry(new ComposeScalar(key), value)) };
    }

    /// <summary>A copy without <paramref name="key"/>; the same instance when it is absent.</summary>
    public ComposeMapping Remove(string key)
    {
        var i = IndexOf(key);
        return i >= 0 ? this with { Entries = Entries.RemoveAt(i) } : this;
    }

    /// <summary>
    /// The position of the first entry whose key is <paramref name="key"/>, or -1. Small mappings scan; from
    /// <see cref="IndexThreshold"/> entries a key index is built on first use, so a caller looking up every key of a
    /// 100,000-entry environment stays linear. The index remembers the array it was built for: a copy made with
    /// <c>with { Entries = ... }</c> builds its own.
    /// </summary>
    private int IndexOf(string key)
    {
        var entries = Entries;
        if (entries.Length < IndexThreshold)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = _index;
        if (index is null || index.Entries != entries)
        {
            index = new KeyIndex(entries);
            _index = index;
        }

        return index.Positions.TryGetValue(key, out var position) ? position : -1;
    }

    /// <inheritdoc />
    public bool Equals(ComposeMapping? other) =>
        other is not null && Entries.AsSpan().SequenceEqual(other.Entries.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    /// <summary>Key to position of its first entry, for one entries array.</summary>
    private sealed class KeyIndex
    {
        public KeyIndex(ImmutableArray<ComposeEntry> entries)
        {
            Entries = entries;
            Positions = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
            for (var i = 0; i < entries.Length; i++)
            {
                Positions.TryAdd(entries[i].Key.Value, i);
            }
        }

        public ImmutableArray<ComposeEntry> Entries { get; }

        public Dictionary<string, int> Positions { get; }
    }
}
