namespace KcmCompose.Compose;

/// <summary>
/// A node of a compose document: a <see cref="ComposeScalar"/>, <see cref="ComposeSequence"/> or <see cref="ComposeMapping"/>.
/// Equality compares content only; <see cref="Location"/> and presentation details are ignored.
/// </summary>
public abstract record ComposeNode
{
    private protected ComposeNode()
    {
    }

    /// <summary>Where the node starts in its source file; <see langword="null"/> for nodes built in code.</summary>
    public SourceLocation? Location { get; init; }

    /// <inheritdoc />
    public virtual bool Equals(ComposeNode? other) => other is not null && other.GetType() == GetType();

    /// <inheritdoc />
    public override int GetHashCode() => GetType().GetHashCode();
}
