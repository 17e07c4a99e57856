using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace KcmCompose.Certificates;

/// <summary>Writes PKCS#12 files in the two supported forms; never RC2-40 (BouncyCastle's default).</summary>
internal static class PkiPkcs12
{
    /// <summary>PKCS#12 KDF and MAC rounds; OpenSSL's default.</summary>
    internal const int Iterations = 2048;

    private const string FriendlyNameOid = "1.2.840.113549.1.9.20";

    public static byte[] Write(
        string friendlyName,
        byte[] privateKeyPkcs8,
        BcCertificate certificate,
        IReadOnlyList<BcCertificate> chain,
        string passphrase,
        PfxFormat format)
    {
        var (pbe, macHash) = format switch
        {
            PfxFormat.Compatible => (new PbeParameters(PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, HashAlgorithmName.SHA1, Iterations), HashAlgorithmName.SHA1),
            PfxFormat.Modern => (new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations), HashAlgorithmName.SHA256),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown PKCS#12 format"),
        };

        var leafDer = certificate.GetEncoded();
#pragma warning disable CA5350 // localKeyId only pairs the key bag with its certificate bag.
        var localKeyId = new Pkcs9LocalKeyId(SHA1.HashData(leafDer));
#pragma warning restore CA5350
        var name = FriendlyName(friendlyName);

        var certificates = new Pkcs12SafeContents();
        using (var leaf = X509CertificateLoader.LoadCertificate(leafDer))
        {
            var bag = certificates.AddCertificate(leaf);
            bag.Attributes.Add(localKeyId);
            bag.Attributes.Add(name);
        }

        foreach (var issuer in chain)
        {
            using var authority = X509CertificateLoader.LoadCertificate(issuer.GetEncoded());
            certificates.AddCertificate(authority);
        }

        var keys = new Pkcs12SafeContents();
        var keyInfo = Pkcs8PrivateKeyInfo.Decode(privateKeyPkcs8, out _, skipCopy: true);
        var keyBag = new Pkcs12ShroudedKeyBag(keyInfo.Encrypt(passphrase, pbe));
        keyBag.Attributes.Add(localKeyId);
        keyBag.Attributes.Add(name);
        keys.AddSafeBag(keyBag);

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certificates, passphrase, pbe);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(passphrase, macHash, Iterations);
        return builder.Encode();
    }

    private static AsnEncodedData FriendlyName(string name)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.BMPString, name);
        return new AsnEncodedData(FriendlyNameOid, writer.Encode());
    }
}
