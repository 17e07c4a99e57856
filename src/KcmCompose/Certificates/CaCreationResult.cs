namespace KcmCompose.Certificates;

/// <summary>What <see cref="CertificateAuthority.CreateAsync"/> wrote.</summary>
/// <param name="CertificatePath">The CA certificate (PEM), to mount into the proxy as the client CA file.</param>
/// <param name="KeyPath">The CA private key (PEM, 0600).</param>
/// <param name="SerialNumber">The CA certificate's serial, upper-case hexadecimal.</param>
/// <param name="Subject">The CA subject in OpenSSL's slash form.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="GeneratedPassphrase">The passphrase generated for the key when none was given; shown to the user once, never stored by this library.</param>
public sealed record CaCreationResult(
    string CertificatePath,
    string KeyPath,
    string SerialNumber,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? GeneratedPassphrase);
