namespace KcmCompose.Docker;

/// <summary>A Docker operation failed for a reason the user can act on: what was tried, why it failed, what to do.</summary>
public sealed class DockerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DockerException()
        : this(DockerFailure.DaemonError, "A Docker operation failed.", "See the inner exception.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DockerException(string message)
        : this(DockerFailure.DaemonError, message, "See the inner exception.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DockerException(string message, Exception innerException)
        : this(DockerFailure.DaemonError, message, "See the inner exception.", innerException: innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="message">What was tried and why it failed.</param>
    /// <param name="fix">What to do about it.</param>
    /// <param name="endpoint">The daemon address that was tried, when known.</param>
    /// <param name="innerException">The underlying error.</param>
    public DockerException(DockerFailure failure, string message, string fix, string? endpoint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Fix = fix;
        Endpoint = endpoint;
    }

    /// <summary>The kind of failure.</summary>
    public DockerFailure Failure { get; }

    /// <summary>One sentence on what to do.</summary>
    public string Fix { get; }

    /// <summary>The daemon address that was tried, when known.</summary>
    public string? Endpoint { get; }
}
