namespace KcmCompose.Validation;

/// <summary>
/// Is a client certificate revoked, and would the proxy refuse it: two answers, since a CA can revoke a certificate that
/// the proxy still admits (no deny list written), which is what <c>revocation-not-enforced</c> reports.
/// </summary>
/// <param name="SerialNumber">The client certificate's serial, as nginx prints <c>$ssl_client_serial</c>.</param>
/// <param name="RevokedAt">When its CA revoked it, or <see langword="null"/> when not revoked or no revocations were given.</param>
/// <param name="ProxyRefuses">
/// True when the proxy's deny list (in <c>ADDITIONAL_NGINX_CONFIG</c>) lists the serial, so nginx answers 403; false when
/// it does not; <see langword="null"/> when no compose file was read.
/// </param>
/// <param name="Reason">One sentence saying both.</param>
public sealed record ClientRevocationResult(string SerialNumber, DateTimeOffset? RevokedAt, bool? ProxyRefuses, string Reason)
{
    /// <summary>True when the CA revoked the certificate.</summary>
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>True when the certificate is revoked or the proxy refuses it: <c>check-client</c> then says <c>reject</c>.</summary>
    public bool Rejects => IsRevoked || ProxyRefuses == true;
}
