using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>A YAML sequence.</summary>
/// <param name="Items">The items in order.</param>
public sealed record ComposeSequence(ImmutableArray<ComposeNode> Items) : ComposeNode
{
    /// <summary>An empty sequence.</summary>
    public static ComposeSequence Empty { get; } = new(ImmutableArray<ComposeNode>.Empty);

    /// <inheritdoc />
    public bool Equals(ComposeSequence? other) =>
        other is not null && Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
