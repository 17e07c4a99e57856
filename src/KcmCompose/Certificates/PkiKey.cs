using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KcmCompose.Certificates;

/// <summary>
/// A private key to sign with. RSA keys stay in .NET's <see cref="RSA"/> (OpenSSL on Linux): BouncyCastle 2.x runs
/// Miller-Rabin rounds on the modulus every time it builds an RSA key object (about 0.1 s per object at 4096 bits),
/// which would cost more than the key generation saved. ECDSA keys are BouncyCastle's.
/// </summary>
internal abstract class PkiKey : IDisposable
{
    /// <summary>The public half, as it goes into a certificate or request.</summary>
    public abstract SubjectPublicKeyInfo PublicKeyInfo { get; }

    public abstract bool IsRsa { get; }

    /// <summary>RSA modulus bits or the EC field size.</summary>
    public abstract int Bits { get; }

    public string Describe() => IsRsa ? $"RSA {Bits}" : $"ECDSA P-{Bits}";

    public KeyAlgorithm Algorithm => (IsRsa, Bits) switch
    {
        (true, > 3072) => KeyAlgorithm.Rsa4096,
        (true, > 2048) => KeyAlgorithm.Rsa3072,
        (true, _) => KeyAlgorithm.Rsa2048,
        (false, > 256) => KeyAlgorithm.EcdsaP384,
        _ => KeyAlgorithm.EcdsaP256,
    };

    /// <summary>Unencrypted PKCS#8 DER; the caller clears it.</summary>
    public abstract byte[] ExportPkcs8();

    /// <summary>SHA-256 with RSA (PKCS#1 v1.5), SHA-256 with ECDSA P-256, SHA-384 with ECDSA P-384.</summary>
    public abstract ISignatureFactory SignatureFactory();

    /// <summary>True when this key signs what the public key in <paramref name="publicKey"/> verifies.</summary>
    public abstract bool Matches(SubjectPublicKeyInfo publicKey);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    public static PkiKey Generate(KeyAlgorithm algorithm)
    {
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa2048:
            case KeyAlgorithm.Rsa3072:
            case KeyAlgorithm.Rsa4096:
                var rsa = RSA.Create(PkiKeys.Bits(algorithm));
                try
                {
                    return new NetRsaKey(rsa);
                }
                catch
                {
                    rsa.Dispose();
                    throw;
                }

            default:
                return new BcKey(PkiKeys.GenerateEc(algorithm).Private);
        }
    }

    /// <summary>A key from unencrypted PKCS#8 DER.</summary>
    public static PkiKey FromPkcs8(byte[] der)
    {
        var info = PrivateKeyInfo.GetInstance(der);
        if (info.PrivateKeyAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportPkcs8PrivateKey(der, out _);
                return new NetRsaKey(rsa);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        return FromBouncyCastle(PrivateKeyFactory.CreateKey(info));
    }

    public static PkiKey FromBouncyCastle(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        RsaKeyParameters => FromPkcs8(PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded()),
        ECPrivateKeyParameters => new BcKey(privateKey),
        _ => throw new PkiException($"unsupported private key type {privateKey.GetType().Name}: use an RSA or ECDSA (P-256, P-384) key"),
    };

    private sealed class NetRsaKey : PkiKey
    {
        private readonly RSA _rsa;

        public NetRsaKey(RSA rsa)
        {
            _rsa = rsa;
            PublicKeyInfo = SubjectPublicKeyInfo.GetInstance(rsa.ExportSubjectPublicKeyInfo()); // also forces generation
        }

        public override SubjectPublicKeyInfo PublicKeyInfo { get; }

        public override bool IsRsa => true;

        public override int Bits => _rsa.KeySize;

        public override byte[] ExportPkcs8() => _rsa.ExportPkcs8PrivateKey();

        public override ISignatureFactory SignatureFactory() => new RsaSignatureFactory(_rsa);

        public override bool Matches(SubjectPublicKeyInfo publicKey)
        {
            if (!publicKey.Algorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
            {
                return false;
            }

            using var other = RSA.Create();
            try
            {
                other.ImportSubjectPublicKeyInfo(publicKey.GetDerEncoded(), out _);
            }
            catch (CryptographicException)
            {
                return false;
            }

            var challenge = RandomNumberGenerator.GetBytes(32);
            var signature = _rsa.SignData(challenge, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return other.VerifyData(challenge, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rsa.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class BcKey(AsymmetricKeyParameter privateKey) : PkiKey
    {
        public override SubjectPublicKeyInfo PublicKeyInfo { get; } =
            SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PkiKeys.PublicOf(privateKey));

        public override bool IsRsa => false;

        public override int Bits => ((ECKeyParameters)privateKey).Parameters.Curve.FieldSize;

        public override byte[] ExportPkcs8() => PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();

        public override ISignatureFactory SignatureFactory() =>
            new Asn1SignatureFactory(PkiKeys.SignatureAlgorithm(privateKey), privateKey, PkiKeys.Random);

        public override bool Matches(SubjectPublicKeyInfo publicKey)
        {
            if (!publicKey.Algorithm.Algorithm.Equals(Org.BouncyCastle.Asn1.X9.X9ObjectIdentifiers.IdECPublicKey))
            {
                return false;
            }

            try
            {
                return PkiKeys.Matches(privateKey, PublicKeyFactory.CreateKey(publicKey));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException)
            {
                return false;
            }
        }
    }

    /// <summary>BouncyCastle's signature interface over .NET's RSA: sha256WithRSAEncryption, PKCS#1 v1.5.</summary>
    private sealed class RsaSignatureFactory(RSA rsa) : ISignatureFactory
    {
        public object AlgorithmDetails { get; } =
            new AlgorithmIdentifier(PkcsObjectIdentifiers.Sha256WithRsaEncryption, Org.BouncyCastle.Asn1.DerNull.Instance);

        public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(rsa);

        /// <summary>Collects what BouncyCastle writes (a TBS structure, a few kB), then signs it once.</summary>
        private sealed class Calculator(RSA rsa) : IStreamCalculator<IBlockResult>
        {
            public Stream Stream { get; } = new MemoryStream();

            public IBlockResult GetResult() =>
                new SimpleBlockResult(rsa.SignData(((MemoryStream)Stream).ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }
}
