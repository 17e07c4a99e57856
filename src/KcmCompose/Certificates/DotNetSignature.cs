using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace KcmCompose.Certificates;

/// <summary>
/// Checks a certificate's signature with .NET's own RSA and ECDSA (OpenSSL on Linux) for the common algorithms.
/// BouncyCastle 2.x runs Miller-Rabin rounds on an RSA modulus whenever it builds an RSA key object (about 0.2 s at
/// 4096 bits), which used to be most of a <c>validate</c> run with an RSA-4096 client CA.
/// </summary>
internal static class DotNetSignature
{
    /// <summary>An issuer key imported once into .NET, or why it could not be.</summary>
    internal sealed class IssuerKey
    {
        private IssuerKey(AsymmetricAlgorithm? key, string algorithmOid)
        {
            Key = key;
            AlgorithmOid = algorithmOid;
        }

        public AsymmetricAlgorithm? Key { get; }

        public string AlgorithmOid { get; }

        public static IssuerKey Import(SubjectPublicKeyInfo info)
        {
            var oid = info.Algorithm.Algorithm.Id;
            AsymmetricAlgorithm? key = oid switch
            {
                RsaOid => RSA.Create(),
                EcOid => ECDsa.Create(),
                _ => null,
            };
            if (key is null)
            {
                return new IssuerKey(null, oid);
            }

            try
            {
                key.ImportSubjectPublicKeyInfo(info.GetDerEncoded(), out _);
                return new IssuerKey(key, oid);
            }
            catch (CryptographicException)
            {
                key.Dispose();
                return new IssuerKey(null, oid);
            }
        }
    }

    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <summary>
    /// Whether <paramref name="issuer"/> verifies <paramref name="subject"/>'s signature; <see langword="null"/> when
    /// .NET cannot answer the way BouncyCastle would (other algorithms, parameters, unusual encodings), and the caller
    /// asks BouncyCastle.
    /// </summary>
    public static bool? Verify(X509CertificateStructure subject, IssuerKey issuer)
    {
        if (issuer.Key is null || subject.Signature.PadBits != 0
            || !subject.SignatureAlgorithm.Equals(subject.TbsCertificate.Signature))
        {
            return null; // BouncyCastle's own answer (a refusal) for the odd cases.
        }

        var algorithm = subject.SignatureAlgorithm;
        var (family, hash) = algorithm.Algorithm.Id switch
        {
            "1.2.840.113549.1.1.11" => (RsaOid, HashAlgorithmName.SHA256),
            "1.2.840.113549.1.1.12" => (RsaOid, HashAlgorithmName.SHA384),
            "1.2.840.113549.1.1.13" => (RsaOid, HashAlgorithmName.SHA512),
            "1.2.840.10045.4.3.2" => (EcOid, HashAlgorithmName.SHA256),
            "1.2.840.10045.4.3.3" => (EcOid, HashAlgorithmName.SHA384),
            "1.2.840.10045.4.3.4" => (EcOid, HashAlgorithmName.SHA512),
            _ => (string.Empty, default),
        };
        if (family != issuer.AlgorithmOid)
        {
            return null;
        }

        // RSA PKCS#1 v1.5 identifiers carry NULL parameters or none; ECDSA ones carry none.
        var parameters = algorithm.Parameters;
        if (parameters is not null && !(family == RsaOid && parameters is Asn1Null))
        {
            return null;
        }

        // BouncyCastle signs and verifies the DER encoding of the TBS part; so does this.
        var tbs = subject.TbsCertificate.GetDerEncoded();
        var signature = subject.Signature.GetOctets();
        try
        {
            return issuer.Key switch
            {
                RSA rsa => rsa.VerifyData(tbs, signature, hash, RSASignaturePadding.Pkcs1),
                ECDsa ecdsa => ecdsa.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence),
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
