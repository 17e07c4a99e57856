namespace KcmCompose.Verification;

/// <summary>
/// The verification could not run: an unreadable certificate or key, a refused or timed-out connection, a server
/// certificate that is not trusted. The message says what was tried, why it failed and what to do.
/// </summary>
public sealed class EndpointVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointVerificationException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public EndpointVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public EndpointVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
