using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using BcSecureRandom = Org.BouncyCastle.Security.SecureRandom;
using NetPkcs8 = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo;

namespace KcmCompose.Certificates;

/// <summary>Key generation and the PEM forms of private keys, read and written.</summary>
internal static partial class PkiKeys
{
    /// <summary>PBKDF2-HMAC-SHA256 rounds for keys at rest (OpenSSL 3 uses 2048; generated passphrases carry 150 bits anyway).</summary>
    internal const int KeyIterations = 20_000;

    internal static readonly BcSecureRandom Random = new();

    /// <summary>A new ECDSA key pair on a named curve (RSA keys come from <see cref="PkiKey.Generate"/>).</summary>
    public static AsymmetricCipherKeyPair GenerateEc(KeyAlgorithm algorithm)
    {
        var curve = algorithm switch
        {
            KeyAlgorithm.EcdsaP256 => SecObjectIdentifiers.SecP256r1,
            KeyAlgorithm.EcdsaP384 => SecObjectIdentifiers.SecP384r1,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not an ECDSA key algorithm"),
        };
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(curve, Random));
        return generator.GenerateKeyPair();
    }

    public static int Bits(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => 2048,
        KeyAlgorithm.Rsa3072 => 3072,
        KeyAlgorithm.Rsa4096 => 4096,
        KeyAlgorithm.EcdsaP256 => 256,
        KeyAlgorithm.EcdsaP384 => 384,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm"),
    };

    /// <summary>The public half of a private key.</summary>
    public static AsymmetricKeyParameter PublicOf(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        RsaPrivateCrtKeyParameters rsa => new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent),
        ECPrivateKeyParameters ec => new ECPublicKeyParameters(ec.AlgorithmName, ec.Parameters.G.Multiply(ec.D).Normalize(), ec.Parameters),
        _ => throw new PkiException($"unsupported private key type {privateKey.GetType().Name}: use an RSA or ECDSA (P-256, P-384) key"),
    };

    /// <summary>The signature algorithm a CA with this key signs with.</summary>
    public static string SignatureAlgorithm(AsymmetricKeyParameter key) => key switch
    {
        RsaKeyParameters => "SHA256WITHRSA",
        ECKeyParameters ec when ec.Parameters.Curve.FieldSize > 384 => "SHA512WITHECDSA",
        ECKeyParameters ec when ec.Parameters.Curve.FieldSize > 256 => "SHA384WITHECDSA",
        ECKeyParameters => "SHA256WITHECDSA",
        _ => throw new PkiException($"unsupported key type {key.GetType().Name}: use an RSA or ECDSA (P-256, P-384) key"),
    };

    /// <summary>True when <paramref name="privateKey"/> signs what <paramref name="publicKey"/> verifies.</summary>
    public static bool Matches(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        if (privateKey is RsaKeyParameters != publicKey is RsaKeyParameters)
        {
            return false;
        }

        var challenge = RandomNumberGenerator.GetBytes(32);
        var algorithm = SignatureAlgorithm(privateKey);
        var signer = SignerUtilities.GetSigner(algorithm);
        signer.Init(true, new ParametersWithRandom(privateKey, Random));
        signer.BlockUpdate(challenge, 0, challenge.Length);
        var signature = signer.GenerateSignature();
        var verifier = SignerUtilities.GetSigner(algorithm);
        try
        {
            verifier.Init(false, publicKey);
            verifier.BlockUpdate(challenge, 0, challenge.Length);
            return verifier.VerifySignature(signature);
        }
        catch (InvalidKeyException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// PEM for a key at rest: <c>ENCRYPTED PRIVATE KEY</c> (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256) when a passphrase
    /// is given, plain <c>PRIVATE KEY</c> when it is null.
    /// </summary>
    public static string ToPem(PkiKey privateKey, string? passphrase)
    {
        var der = privateKey.ExportPkcs8();
        try
        {
            if (passphrase is null)
            {
                return PemEncoding.WriteString("PRIVATE KEY", der) + "\n";
            }

            var info = NetPkcs8.Decode(der, out _, skipCopy: true);
            var encrypted = info.Encrypt(
                passphrase,
                new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, KeyIterations));
            return PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", encrypted) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>True when the PEM text holds an encrypted key (PKCS#8 or the traditional <c>Proc-Type: 4,ENCRYPTED</c>).</summary>
    public static bool IsEncrypted(string pem) =>
        pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal)
        || pem.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal);

    /// <summary>
    /// Reads a private key from PEM: PKCS#8 (encrypted or not) and the traditional RSA/EC forms, including the
    /// <c>Proc-Type: 4,ENCRYPTED</c> DES-EDE3 form OpenSSL 1.x wrote. <paramref name="source"/> names the file in errors.
    /// </summary>
    public static PkiKey Read(string pem, string? passphrase, string source)
    {
        var label = BeginLine().Match(pem);
        if (!label.Success)
        {
            throw new PkiException($"'{source}' holds no PEM private key (no '-----BEGIN ... PRIVATE KEY-----' line)");
        }

        if (IsEncrypted(pem) && passphrase is null)
        {
            throw new PkiException($"'{source}' is encrypted and no passphrase was given: pass its passphrase file or environment variable");
        }

        var kind = label.Groups[1].Value;
        try
        {
            switch (kind)
            {
                case "ENCRYPTED PRIVATE KEY":
                    {
                        var der = DecodeBlock(pem, kind, source);
                        byte[] plain;
                        try
                        {
                            plain = PkiPbes2.TryDecrypt(der, passphrase!) ?? NetPkcs8.DecryptAndDecode(passphrase, der, out _).Encode();
                        }
                        catch (CryptographicException e)
                        {
                            throw WrongPassphrase(source, e);
                        }

                        try
                        {
                            return PkiKey.FromPkcs8(plain);
                        }
                        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException
                            or IOException or CryptographicException)
                        {
                            // A wrong key can (rarely) decrypt to valid padding; what comes out is then not a key.
                            throw WrongPassphrase(source, e);
                        }
                        finally
                        {
                            CryptographicOperations.ZeroMemory(plain);
                        }
                    }

                case "PRIVATE KEY":
                    return PkiKey.FromPkcs8(DecodeBlock(pem, kind, source));
                case "RSA PRIVATE KEY":
                case "EC PRIVATE KEY":
                    return PkiKey.FromBouncyCastle(ReadTraditional(pem, passphrase, source));
                default:
                    throw new PkiException($"'{source}' holds a '{kind}' block, not a private key: give an RSA or EC private key in PEM");
            }
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or FormatException
            or InvalidCastException or CryptographicException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            throw new PkiException($"'{source}' is not a readable private key: {OneLine(e.Message)}", e);
        }
    }

    private static AsymmetricKeyParameter ReadTraditional(string pem, string? passphrase, string source)
    {
        object? read;
        try
        {
            using var reader = new StringReader(pem);
            read = new PemReader(reader, passphrase is null ? null : new Password(passphrase)).ReadObject();
        }
        catch (Exception e) when (e is IOException or InvalidCipherTextException or ArgumentException or InvalidCastException
            or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            var reason = IsEncrypted(pem) ? "wrong passphrase for" : "cannot read";
            throw new PkiException($"{reason} '{source}' (or the file is damaged): check the passphrase source", e);
        }

        return read switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter { IsPrivate: true } key => key,
            _ => throw new PkiException($"'{source}' does not hold a private key"),
        };
    }

    private static byte[] DecodeBlock(string pem, string label, string source)
    {
        foreach (var (lbl, der) in PemBlocks(pem))
        {
            if (lbl == label)
            {
                return der;
            }
        }

        throw new PkiException($"'{source}' has a damaged '{label}' PEM block");
    }

    /// <summary>Every well-formed PEM block in <paramref name="text"/>, in order.</summary>
    internal static IEnumerable<(string Label, byte[] Der)> PemBlocks(string text)
    {
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            var der = Convert.FromBase64String(rest.Span[fields.Base64Data].ToString());
            yield return (label, der);
            rest = rest[fields.Location.End..];
        }
    }

    private static PkiException WrongPassphrase(string source, Exception inner) =>
        new($"wrong passphrase for '{source}' (or the file is damaged): check the passphrase source", inner);

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]+)-----")]
    private static partial Regex BeginLine();

    private sealed class Password(string value) : IPasswordFinder
    {
        public char[] GetPassword() => value.ToCharArray();
    }
}
