using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KcmCompose.Verification;

/// <summary>
/// A client certificate from a CA made in memory for one run and thrown away: same subject and issuer name and
/// the same key type as the operator's certificate, so the only thing wrong with it is who signed it.
/// </summary>
internal static class ForeignClientCertificate
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 Create(X509Certificate2 like, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(like);
        var now = timeProvider.GetUtcNow();
        var (notBefore, notAfter) = (now.AddMinutes(-5), now.AddHours(1));
        var issuer = like.IssuerName.RawData.Length > 2 ? like.IssuerName : new X500DistinguishedName("CN=kcm-compose verify throwaway CA");
        using var ecdsa = like.GetECDsaPublicKey();
        using var rsa = ecdsa is null ? like.GetRSAPublicKey() : null;
        if (rsa is not null)
        {
            var size = Math.Max(2048, rsa.KeySize);
            using var caKey = RSA.Create(size);
            using var leafKey = RSA.Create(size);
            var padding = RSASignaturePadding.Pkcs1;
            var ca = new CertificateRequest(issuer, caKey, HashAlgorithmName.SHA256, padding);
            var leaf = new CertificateRequest(like.SubjectName, leafKey, HashAlgorithmName.SHA256, padding);
            using var caCertificate = SelfSignedCa(ca, notBefore, notAfter);
            using var issued = Issue(leaf, caCertificate, notBefore, notAfter, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
            return issued.CopyWithPrivateKey(leafKey);
        }
        else
        {
            // The client's curve when it has one; P-256 for any other key type.
            var curve = ecdsa?.ExportParameters(includePrivateParameters: false).Curve ?? ECCurve.NamedCurves.nistP256;
            var hash = (ecdsa?.KeySize ?? 256) switch
            {
                > 384 => HashAlgorithmName.SHA512,
                > 256 => HashAlgorithmName.SHA384,
                _ => HashAlgorithmName.SHA256,
            };
            using var caKey = ECDsa.Create(curve);
            using var leafKey = ECDsa.Create(curve);
            var ca = new CertificateRequest(issuer, caKey, hash);
            var leaf = new CertificateRequest(like.SubjectName, leafKey, hash);
            using var caCertificate = SelfSignedCa(ca, notBefore, notAfter);
            using var issued = Issue(leaf, caCertificate, notBefore, notAfter, X509KeyUsageFlags.DigitalSignature);
            return issued.CopyWithPrivateKey(leafKey);
        }
    }

    private static X509Certificate2 SelfSignedCa(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 Issue(CertificateRequest request, X509Certificate2 ca, DateTimeOffset notBefore, DateTimeOffset notAfter, X509KeyUsageFlags usage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthentication)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01); // positive and 16 bytes long, as RFC 5280 asks
        return request.Create(ca, notBefore, notAfter, serial);
    }
}
