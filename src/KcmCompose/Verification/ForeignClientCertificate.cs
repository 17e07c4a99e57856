using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KcmCompose.Verification;

/// <summary>
/// The operator's client certificate re-issued by a CA made in memory for one run and thrown away: the same
/// subject, issuer name and key (so the same key type), a P-256 signer nobody trusts. The only thing wrong with
/// it is who signed it, so a server that admits it does not check the issuing CA.
/// </summary>
internal static class ForeignClientCertificate
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <exception cref="ArgumentException"><paramref name="like"/> has no RSA or ECDSA private key.</exception>
    public static X509Certificate2 Create(X509Certificate2 like, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(like);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        var (notBefore, notAfter) = (now.AddMinutes(-5), now.AddHours(1));
        var issuer = like.IssuerName.RawData.Length > 2 ? like.IssuerName : new X500DistinguishedName("CN=kcm-compose verify throwaway CA");

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(issuer, caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var rsa = like.GetRSAPrivateKey();
        using var ecdsa = rsa is null ? like.GetECDsaPrivateKey() : null;
        var request = new CertificateRequest(like.SubjectName, like.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            rsa is null ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthentication)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive and 16 bytes long, as RFC 5280 asks
        using var issued = request.Create(issuer, X509SignatureGenerator.CreateForECDsa(caKey), notBefore, notAfter, serial);
        return rsa is not null ? issued.CopyWithPrivateKey(rsa)
            : ecdsa is not null ? issued.CopyWithPrivateKey(ecdsa)
            : throw new ArgumentException($"the client certificate '{like.Subject}' has no RSA or ECDSA private key", nameof(like));
    }
}
