namespace KcmCompose.Compose;

/// <summary>
/// A compose file (or .env file) could not be read: it is not valid YAML, not a mapping, not UTF-8, or too large
/// once aliases are expanded. The message starts with <c>file:line:column</c> when the place is known.
/// </summary>
public sealed class ComposeLoadException : Exception
{
    /// <summary>Creates an exception without a location.</summary>
    public ComposeLoadException()
        : this("The compose file could not be loaded.", null, string.Empty)
    {
    }

    /// <summary>Creates an exception without a location.</summary>
    public ComposeLoadException(string message)
        : this(message, null, string.Empty)
    {
    }

    /// <summary>Creates an exception without a location that wraps <paramref name="innerException"/>.</summary>
    public ComposeLoadException(string message, Exception? innerException)
        : this(message, null, string.Empty, innerException)
    {
    }

    /// <summary>Creates an exception for a problem at <paramref name="location"/>.</summary>
    /// <param name="problem">One sentence saying what is wrong.</param>
    /// <param name="location">Where, when known.</param>
    /// <param name="fix">One sentence saying how to fix it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ComposeLoadException(string problem, SourceLocation? location, string fix, Exception? innerException = null)
        : base(Format(problem, location, fix), innerException)
    {
        Problem = problem;
        Location = location;
        Fix = fix;
    }

    /// <summary>What is wrong, without the location and fix.</summary>
    public string Problem { get; } = string.Empty;

    /// <summary>Where the problem is, when known.</summary>
    public SourceLocation? Location { get; }

    /// <summary>How to fix it; empty when there is nothing specific to say.</summary>
    public string Fix { get; } = string.Empty;

    private static string Format(string problem, SourceLocation? location, string fix)
    {
        var text = location is { } at ? $"{at}: {problem}" : problem;
        return string.IsNullOrEmpty(fix) ? text : $"{text} {fix}";
    }
}
