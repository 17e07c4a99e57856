namespace KcmCompose.Certificates;

/// <summary>What <see cref="CertificateAuthority.WriteCrlAsync"/> wrote.</summary>
/// <param name="Path">The CRL file (PEM).</param>
/// <param name="CrlNumber">The CRL number extension's value.</param>
/// <param name="RevokedCount">How many serials the CRL lists.</param>
/// <param name="ThisUpdate">When it was issued.</param>
/// <param name="NextUpdate">When a newer CRL is due; nginx with <c>ssl_crl</c> rejects every client after this.</param>
public sealed record CrlResult(string Path, long CrlNumber, int RevokedCount, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate);
