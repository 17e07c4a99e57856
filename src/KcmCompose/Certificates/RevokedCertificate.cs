namespace KcmCompose.Certificates;

/// <summary>One revoked certificate as a CA's index or a CRL lists it.</summary>
/// <param name="SerialNumber">The serial as nginx prints <c>$ssl_client_serial</c> (<see cref="RevocationList.NginxSerial(string)"/>).</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="Name">The client name the CA's index gives it, or <see langword="null"/> (from a CRL).</param>
public sealed record RevokedCertificate(string SerialNumber, DateTimeOffset RevokedAt, string? Name = null);
