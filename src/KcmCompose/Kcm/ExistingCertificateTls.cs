namespace KcmCompose.Kcm;

/// <summary>A certificate and key you supply (<c>CERTIFICATE_FILE</c>, <c>PRIVATE_KEY_FILE</c>), bind-mounted read-only.</summary>
/// <param name="CertificateHostPath">The certificate on the host; <see langword="null"/> when the file reaches the container another way.</param>
/// <param name="CertificateFile">Where the proxy reads the certificate.</param>
/// <param name="PrivateKeyHostPath">The private key on the host; <see langword="null"/> when the file reaches the container another way.</param>
/// <param name="PrivateKeyFile">Where the proxy reads the key.</param>
public sealed record ExistingCertificateTls(
    string? CertificateHostPath,
    ContainerPath CertificateFile,
    string? PrivateKeyHostPath,
    ContainerPath PrivateKeyFile) : TlsMode
{
    /// <summary>The container path used for the certificate unless chosen otherwise.</summary>
    public const string DefaultCertificatePath = "/certs/server.crt";

    /// <summary>The container path used for the private key unless chosen otherwise.</summary>
    public const string DefaultPrivateKeyPath = "/certs/server.key";
}
