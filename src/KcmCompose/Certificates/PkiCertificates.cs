using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace KcmCompose.Certificates;

/// <summary>Builds CA and client certificates, and reads certificates and requests.</summary>
internal static class PkiCertificates
{
    /// <summary>How far back notBefore is set, so a client whose clock is slightly behind still accepts a fresh certificate.</summary>
    internal static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    /// <summary>A positive serial number of 128 random bits (RFC 5280 allows up to 20 octets).</summary>
    public static BigInteger NewSerial()
    {
        while (true)
        {
            var serial = new BigInteger(1, RandomNumberGenerator.GetBytes(16));
            if (serial.SignValue > 0)
            {
                return serial;
            }
        }
    }

    public static string SerialText(BigInteger serial) => serial.ToString(16).ToUpperInvariant();

    public static byte[] KeyIdentifier(SubjectPublicKeyInfo info)
    {
#pragma warning disable CA5350 // RFC 5280 4.2.1.2 method (1): an identifier, not a security function.
        return SHA1.HashData(info.PublicKey.GetBytes());
#pragma warning restore CA5350
    }

    public static BcCertificate CreateAuthority(
        PkiKey key, X509Name subject, DateTime notBefore, DateTime notAfter, int? pathLength)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerial());
        generator.SetIssuerDN(subject);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetSubjectPublicKeyInfo(key.PublicKeyInfo);
        generator.AddExtension(
            X509Extensions.BasicConstraints,
            true,
            pathLength is { } length ? new BasicConstraints(length) : new BasicConstraints(cA: true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        var keyId = KeyIdentifier(key.PublicKeyInfo);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId));
        return generator.Generate(key.SignatureFactory());
    }

    public static BcCertificate CreateClient(
        X509Name subject,
        SubjectPublicKeyInfo publicKey,
        BcCertificate authority,
        PkiKey authorityKey,
        DateTime notBefore,
        DateTime notAfter)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerial());
        generator.SetIssuerDN(authority.SubjectDN);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetSubjectPublicKeyInfo(publicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(cA: false));
        var usage = KeyUsage.DigitalSignature | (IsRsa(publicKey) ? KeyUsage.KeyEncipherment : 0);
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        generator.AddExtension(X509Extensions.ExtendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeID.id_kp_clientAuth));
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifier(publicKey)));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(AuthorityKeyId(authority)));
        return generator.Generate(authorityKey.SignatureFactory());
    }

    public static bool IsRsa(SubjectPublicKeyInfo publicKey) =>
        publicKey.Algorithm.Algorithm.Equals(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.RsaEncryption);

    /// <summary>The CA's own subject key identifier when it has one (so chains built by id match), else one computed from its key.</summary>
    public static byte[] AuthorityKeyId(BcCertificate authority)
    {
        var value = authority.GetExtensionValue(X509Extensions.SubjectKeyIdentifier);
        return value is null
            ? KeyIdentifier(authority.CertificateStructure.SubjectPublicKeyInfo)
            : SubjectKeyIdentifier.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).GetKeyIdentifier();
    }

    public static Pkcs10CertificationRequest CreateRequest(X509Name subject, PkiKey key) =>
        new(key.SignatureFactory(), subject, key.PublicKeyInfo, null);

    public static string ToPem(BcCertificate certificate) =>
        System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE", certificate.GetEncoded()) + "\n";

    public static string ToPem(Pkcs10CertificationRequest request) =>
        System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", request.GetEncoded()) + "\n";

    /// <summary>The first certificate in a PEM or DER file; <paramref name="source"/> names it in errors.</summary>
    public static BcCertificate ReadCertificate(byte[] content, string source)
    {
        try
        {
            var certificate = new X509CertificateParser().ReadCertificate(content);
            return certificate ?? throw new PkiException($"'{source}' holds no certificate: give a PEM or DER X.509 certificate");
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or FormatException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new PkiException($"'{source}' is not a readable certificate: {PkiKeys.OneLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// A PKCS#10 request from PEM or DER whose public key <see cref="PkiKeyPolicy"/> accepts (checked first, so an unusual key
    /// is named rather than failing the signature check) and whose self-signature verifies; refuses anything else.
    /// </summary>
    public static Pkcs10CertificationRequest ReadRequest(byte[] content, string source)
    {
        var der = content;
        var text = System.Text.Encoding.ASCII.GetString(content);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            var block = PkiKeys.PemBlocks(text).FirstOrDefault(b => b.Label is "CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST");
            der = block.Der ?? throw new PkiException($"'{source}' has no intact 'CERTIFICATE REQUEST' PEM block");
        }

        Pkcs10CertificationRequest request;
        try
        {
            request = new Pkcs10CertificationRequest(der);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or FormatException
            or InvalidOperationException)
        {
            throw new PkiException($"'{source}' is not a readable certificate request: {PkiKeys.OneLine(e.Message)}", e);
        }

        PkiKeyPolicy.Check(request.GetCertificationRequestInfo().SubjectPublicKeyInfo, source);
        bool verified;
        try
        {
            verified = request.Verify();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException
            or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new PkiException($"the signature of certificate request '{source}' cannot be checked: {PkiKeys.OneLine(e.Message)}", e);
        }

        if (!verified)
        {
            throw new PkiException($"the signature of certificate request '{source}' does not verify: it was altered or damaged; ask for a new one");
        }

        return request;
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>Whole seconds, UTC: what X.509 can carry.</summary>
    public static DateTime Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    public static string Stamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
