namespace KcmCompose.Certificates;

/// <summary>What <see cref="CertificateAuthority.WriteClientRequestAsync"/> wrote.</summary>
/// <param name="RequestPath">The request (<c>NAME.csr</c>, PEM).</param>
/// <param name="KeyPath">The encrypted key (<c>NAME.key</c>, 0600).</param>
public sealed record ClientRequestFiles(string RequestPath, string KeyPath);
