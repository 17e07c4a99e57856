namespace KcmCompose.Compose;

/// <summary>How a scalar was written in its source; kept for diagnostics, ignored by equality.</summary>
public enum ScalarStyle
{
    /// <summary>Built in code, or the emitter may choose.</summary>
    Any,

    /// <summary>Unquoted.</summary>
    Plain,

    /// <summary>In single quotes.</summary>
    SingleQuoted,

    /// <summary>In double quotes.</summary>
    DoubleQuoted,

    /// <summary>A literal block (<c>|</c>).</summary>
    Literal,

    /// <summary>A folded block (<c>&gt;</c>).</summary>
    Folded,
}
