namespace KcmCompose.Certificates;

/// <summary>A certificate the CA issued, as its index records it, judged at the time it was read.</summary>
/// <param name="Name">The client name (the file name under <c>clients/</c>, or the request's common name).</param>
/// <param name="SerialNumber">Upper-case hexadecimal, as <c>openssl x509 -serial</c> prints it.</param>
/// <param name="Subject">The subject in OpenSSL's slash form.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="Status">Valid, expired or revoked at the time of reading.</param>
/// <param name="DaysLeft">Whole days until <paramref name="NotAfter"/>; negative once expired.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
/// <param name="CertificatePath">Where the certificate was written, or null when unknown.</param>
public sealed record IssuedCertificate(
    string Name,
    string SerialNumber,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    CertificateStatus Status,
    int DaysLeft,
    DateTimeOffset? RevokedAt,
    string? CertificatePath);
