namespace KcmCompose.Compose;

/// <summary>
/// A scalar: its text exactly as Compose receives it from YAML, before interpolation (so <c>$$</c> and
/// <c>${VAR}</c> are still there), and what it means (<see cref="Type"/>).
/// </summary>
/// <param name="Value">The text after YAML unquoting; empty for <see cref="ScalarType.Null"/>.</param>
/// <param name="Type">What the value means; defaults to <see cref="ScalarType.String"/>.</param>
public sealed record ComposeScalar(string Value, ScalarType Type = ScalarType.String) : ComposeNode
{
    /// <summary>A null scalar.</summary>
    public static ComposeScalar Null { get; } = new(string.Empty, ScalarType.Null);

    /// <summary>How the value was written in its source; ignored by equality.</summary>
    public ScalarStyle Style { get; init; }

    /// <inheritdoc />
    public bool Equals(ComposeScalar? other) =>
        other is not null && Type == other.Type && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Value));

    /// <inheritdoc />
    public override string ToString() => Value;
}
