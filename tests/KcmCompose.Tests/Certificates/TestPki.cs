using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace KcmCompose.Tests.Certificates;

/// <summary>A certificate and its key pair, made for a test.</summary>
public sealed record TestCertificate(X509Certificate Certificate, AsymmetricCipherKeyPair Keys)
{
    public string Pem => TestPki.ToPem(Certificate);

    public string KeyPem => TestPki.ToPem(Keys.Private);

    public byte[] Der => Certificate.GetEncoded();
}

/// <summary>Issues throw-away certificates with BouncyCastle; validity is always relative to the given clock.</summary>
public static class TestPki
{
    private static readonly SecureRandom Random = new();
    private static readonly Lazy<AsymmetricCipherKeyPair> SharedLeafKey = new(() => NewRsa(2048));

    public static AsymmetricCipherKeyPair NewRsa(int bits)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new KeyGenerationParameters(Random, bits));
        return generator.GenerateKeyPair();
    }

    public static AsymmetricCipherKeyPair NewEc()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP256r1, Random));
        return generator.GenerateKeyPair();
    }

    /// <summary>A self-signed root; <paramref name="keys"/> lets variants (expired, non-CA) share the root's key and name.</summary>
    public static TestCertificate Root(
        string name,
        DateTimeOffset now,
        AsymmetricCipherKeyPair? keys = null,
        TimeSpan? notBeforeOffset = null,
        TimeSpan? notAfterOffset = null,
        bool ca = true,
        string? signatureAlgorithm = null,
        bool keyUsage = true)
    {
        keys ??= NewRsa(2048);
        return Build(
            name, keys.Public, name, keys, now + (notBeforeOffset ?? TimeSpan.FromDays(-1)), now + (notAfterOffset ?? TimeSpan.FromDays(60)),
            ca, ca && keyUsage ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : null, null, signatureAlgorithm);
    }

    public static TestCertificate Intermediate(string name, TestCertificate issuer, DateTimeOffset now, AsymmetricCipherKeyPair? keys = null)
    {
        keys ??= NewRsa(2048);
        return Build(name, keys.Public, issuer.Certificate.SubjectDN.ToString(), issuer.Keys, now.AddDays(-1), now.AddDays(50),
            true, KeyUsage.KeyCertSign | KeyUsage.CrlSign, null, null, issuer.Certificate, keys);
    }

    public static TestCertificate Client(
        string name,
        TestCertificate issuer,
        DateTimeOffset now,
        TimeSpan? notBeforeOffset = null,
        TimeSpan? notAfterOffset = null,
        AsymmetricCipherKeyPair? keys = null,
        string? signatureAlgorithm = null,
        bool clientAuth = true)
    {
        keys ??= SharedLeafKey.Value;
        return Build(name, keys.Public, issuer.Certificate.SubjectDN.ToString(), issuer.Keys,
            now + (notBeforeOffset ?? TimeSpan.FromDays(-1)), now + (notAfterOffset ?? TimeSpan.FromDays(20)),
            false, KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment,
            clientAuth ? KeyPurposeID.id_kp_clientAuth : KeyPurposeID.id_kp_serverAuth, signatureAlgorithm, issuer.Certificate, keys);
    }

    /// <summary>A server certificate with the given DNS names and IP addresses.</summary>
    public static TestCertificate Server(string name, TestCertificate issuer, DateTimeOffset now, string[] dnsNames, TimeSpan? notAfterOffset = null)
    {
        var keys = SharedLeafKey.Value;
        var names = new GeneralNames(dnsNames.Select(n => new GeneralName(GeneralName.DnsName, n)).ToArray());
        return Build(name, keys.Public, issuer.Certificate.SubjectDN.ToString(), issuer.Keys, now.AddDays(-1), now + (notAfterOffset ?? TimeSpan.FromDays(20)),
            false, KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment, KeyPurposeID.id_kp_serverAuth, null, issuer.Certificate, keys, names);
    }

    public static string ToPem(object value)
    {
        var text = new StringWriter();
        using (var writer = new PemWriter(text))
        {
            writer.WriteObject(value is AsymmetricKeyParameter key && key.IsPrivate ? new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PRIVATE KEY", Org.BouncyCastle.Pkcs.PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded()) : value);
        }

        return text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static TestCertificate Build(
        string subject,
        AsymmetricKeyParameter subjectKey,
        string issuerName,
        AsymmetricCipherKeyPair issuerKeys,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        bool ca,
        int? keyUsage,
        KeyPurposeID? purpose,
        string? signatureAlgorithm,
        X509Certificate? issuerCertificate = null,
        AsymmetricCipherKeyPair? ownKeys = null,
        GeneralNames? altNames = null)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(64, Random).Add(BigInteger.One));
        generator.SetSubjectDN(new X509Name(subject));
        generator.SetIssuerDN(new X509Name(issuerName));
        generator.SetNotBefore(notBefore.UtcDateTime);
        generator.SetNotAfter(notAfter.UtcDateTime);
        generator.SetPublicKey(subjectKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        if (keyUsage is { } usage)
        {
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        }

        if (purpose is not null)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }

        if (altNames is not null)
        {
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, altNames);
        }

        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(subjectKey));
        var authorityKey = issuerCertificate?.GetPublicKey() ?? issuerKeys.Public;
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(authorityKey));
        var algorithm = signatureAlgorithm ?? (issuerKeys.Private is ECPrivateKeyParameters ? "SHA256WITHECDSA" : "SHA256WITHRSA");
        var certificate = generator.Generate(new Asn1SignatureFactory(algorithm, issuerKeys.Private, Random));
        return new TestCertificate(certificate, ownKeys ?? issuerKeys);
    }
}
