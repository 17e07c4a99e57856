namespace KcmCompose.Certificates;

/// <summary>A new client key and its PKCS#10 request, as PEM text (see <see cref="CertificateAuthority.CreateClientRequest"/>).</summary>
/// <param name="Name">The client name (the request's common name).</param>
/// <param name="RequestPem">The request, <c>CERTIFICATE REQUEST</c> PEM.</param>
/// <param name="KeyPem">The private key, encrypted PKCS#8 PEM when a passphrase was given.</param>
public sealed record ClientRequest(string Name, string RequestPem, string KeyPem);
