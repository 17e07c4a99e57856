namespace KcmCompose.Certificates;

/// <summary>The stable code of each <see cref="ClientCertificateCheckError"/>, as JSON output and the diagnostic catalog spell it.</summary>
public static class ClientCertificateCheckErrors
{
    /// <summary>The lower-case dashed code, such as <c>client-chain-too-long</c>; <see langword="null"/> for <see cref="ClientCertificateCheckError.None"/>.</summary>
    public static string? ToCode(this ClientCertificateCheckError error) => error switch
    {
        ClientCertificateCheckError.None => null,
        ClientCertificateCheckError.CaFileUnusable => "client-ca-file-unusable",
        ClientCertificateCheckError.UnableToGetIssuer => "client-unable-to-get-issuer",
        ClientCertificateCheckError.UnableToGetIssuerLocally => "client-unable-to-get-issuer-locally",
        ClientCertificateCheckError.UntrustedSelfSigned => "client-untrusted-self-signed",
        ClientCertificateCheckError.ChainTooLong => "client-chain-too-long",
        ClientCertificateCheckError.InvalidCa => "client-invalid-ca",
        ClientCertificateCheckError.PathLengthExceeded => "client-path-length-exceeded",
        ClientCertificateCheckError.InvalidPurpose => "client-invalid-purpose",
        ClientCertificateCheckError.NotYetValid => "client-not-yet-valid",
        ClientCertificateCheckError.Expired => "client-expired",
        ClientCertificateCheckError.SignatureFailure => "client-signature-failure",
        ClientCertificateCheckError.KeyTooSmall => "client-key-too-small",
        ClientCertificateCheckError.WeakSignature => "client-weak-signature",
        ClientCertificateCheckError.Revoked => "client-revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown client certificate check error."),
    };
}
