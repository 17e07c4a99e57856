using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>A YAML mapping whose entries keep their source order.</summary>
/// <param name="Entries">The entries in order; keys are unique.</param>
public sealed record ComposeMapping(ImmutableArray<ComposeEntry> Entries) : ComposeNode
{
    /// <summary>An empty mapping.</summary>
    public static ComposeMapping Empty { get; } = new(ImmutableArray<ComposeEntry>.Empty);

    /// <summary>The value under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public ComposeNode? this[string key] => Find(key)?.Value;

    /// <summary>The entry whose key is <paramref name="key"/>, or <see langword="null"/>.</summary>
    public ComposeEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>, in place if present, else appended.</summary>
    public ComposeMapping Set(string key, ComposeNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return this with { Entries = Entries.SetItem(i, Entries[i] with { Value = value }) };
            }
        }

        return this with { Entries = Entries.Add(new ComposeEntry(new ComposeScalar(key), value)) };
    }

    /// <summary>A copy without <paramref name="key"/>; the same instance when it is absent.</summary>
    public ComposeMapping Remove(string key)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return this with { Entries = Entries.RemoveAt(i) };
            }
        }

        return this;
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
}
