namespace KcmCompose.Validation;

/// <summary>
/// The check of a client certificate against a compose file could not run: the compose file, the proxy, its
/// settings or the client certificate could not be read. The message says what was tried and what to do.
/// </summary>
public sealed class ClientCertificateCheckException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClientCertificateCheckException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed and what to do.</param>
    public ClientCertificateCheckException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the diagnostic code of the finding that stops the check.</summary>
    /// <param name="code">A code of the diagnostic catalog (docs/validation.md), such as <c>verify-client-invalid</c>.</param>
    /// <param name="message">What failed and what to do.</param>
    public ClientCertificateCheckException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The diagnostic code when a finding in the compose file stops the check (as <c>validate</c> reports it); otherwise <see langword="null"/>.</summary>
    public string? Code { get; }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ClientCertificateCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
