using KcmCompose.Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace KcmCompose.Tests.Certificates;

/// <summary><see cref="CertificateAuthority.SignRequestAsync"/>: which keys and which names a signed request may carry.</summary>
public partial class CertificateAuthorityTests
{
    private const string AcceptedSet = "accepted are RSA of 2048 bits or more, ECDSA on P-256, P-384 or P-521, or Ed25519";
    private static readonly SecureRandom Random = new();

    private static AsymmetricCipherKeyPair EcKeys(DerObjectIdentifier curve)
    {
        var generator = new ECKeyPairGenerator("EC");
        generator.Init(new ECKeyGenerationParameters(curve, Random));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair DsaKeys(int bits)
    {
        var parameters = new DsaParametersGenerator();
        parameters.Init(bits, 80, Random);
        var generator = new DsaKeyPairGenerator();
        generator.Init(new DsaKeyGenerationParameters(Random, parameters.GenerateParameters()));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair Ed25519Keys()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(Random));
        return generator.GenerateKeyPair();
    }

    private static AsymmetricCipherKeyPair Ed448Keys()
    {
        var generator = new Ed448KeyPairGenerator();
        generator.Init(new Ed448KeyGenerationParameters(Random));
        return generator.GenerateKeyPair();
    }

    /// <summary>The keys and the signature algorithm their request is signed with.</summary>
    private static IEnumerable<TestCaseData> RefusedKeys()
    {
        yield return new TestCaseData("secp112r1", "an ECDSA key on curve secp112r1 (112-bit)").SetName("SignRequestAsync_Secp112r1Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("secp160r1", "an ECDSA key on curve secp160r1 (160-bit)").SetName("SignRequestAsync_Secp160r1Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("secp192k1", "an ECDSA key on curve secp192k1 (192-bit)").SetName("SignRequestAsync_Secp192k1Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("secp256k1", "an ECDSA key on curve secp256k1 (256-bit)").SetName("SignRequestAsync_Secp256k1Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("dsa1024", "a 1024-bit DSA key").SetName("SignRequestAsync_Dsa1024Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("rsa1024", "a 1024-bit RSA key").SetName("SignRequestAsync_Rsa1024Key_RefusedNamingItAndTheAcceptedSet");
        yield return new TestCaseData("ed448", "an Ed448 key").SetName("SignRequestAsync_Ed448Key_RefusedNamingItAndTheAcceptedSet");
    }

    private static (AsymmetricCipherKeyPair Keys, string Algorithm) MakeKeys(string kind) => kind switch
    {
        "secp112r1" => (EcKeys(SecObjectIdentifiers.SecP112r1), "SHA256WITHECDSA"),
        "secp160r1" => (EcKeys(SecObjectIdentifiers.SecP160r1), "SHA256WITHECDSA"),
        "secp192k1" => (EcKeys(SecObjectIdentifiers.SecP192k1), "SHA256WITHECDSA"),
        "secp256k1" => (EcKeys(SecObjectIdentifiers.SecP256k1), "SHA256WITHECDSA"),
        "p256" => (EcKeys(SecObjectIdentifiers.SecP256r1), "SHA256WITHECDSA"),
        "p384" => (EcKeys(SecObjectIdentifiers.SecP384r1), "SHA384WITHECDSA"),
        "p521" => (EcKeys(SecObjectIdentifiers.SecP521r1), "SHA512WITHECDSA"),
        "dsa1024" => (DsaKeys(1024), "SHA1WITHDSA"),
        "rsa1024" => (TestPki.NewRsa(1024), "SHA256WITHRSA"),
        "rsa2048" => (TestPki.NewRsa(2048), "SHA256WITHRSA"),
        "ed25519" => (Ed25519Keys(), "Ed25519"),
        "ed448" => (Ed448Keys(), "Ed448"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private string WriteRequest(AsymmetricCipherKeyPair keys, string algorithm, X509Name subject, string file = "req.csr")
    {
        var request = new Pkcs10CertificationRequest(new Asn1SignatureFactory(algorithm, keys.Private, Random), subject, keys.Public, null);
        var path = Path.Combine(_root, file);
        File.WriteAllText(path, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", request.GetEncoded()));
        return path;
    }

    private static X509Name Subject(params (DerObjectIdentifier Oid, string Value)[] parts) =>
        new([.. parts.Select(p => p.Oid)], [.. parts.Select(p => p.Value)]);

    private Task<SignedRequestResult> SignAsync(CertificateAuthority ca, string csr, string? name = null, string output = "out.crt") =>
        ca.SignRequestAsync(new RequestSigningOptions
        {
            RequestPath = csr, OutputPath = Path.Combine(_root, output), CaPassphrase = CaPassphrase, Name = name,
        });

    [TestCaseSource(nameof(RefusedKeys))]
    public async Task SignRequestAsync_WeakOrUnsupportedKey_RefusedNamingItAndTheAcceptedSet(string kind, string description)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys(kind);
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.CN, "weak")));
        var index = File.ReadAllText(ca.IndexPath);

        var act = () => SignAsync(ca, csr);

        var refusal = await act.Should().ThrowAsync<PkiException>();
        refusal.Which.Message.Should().Contain($"has {description}").And.Contain(AcceptedSet);
        File.Exists(Path.Combine(_root, "out.crt")).Should().BeFalse();
        File.ReadAllText(ca.IndexPath).Should().Be(index);
    }

    [TestCase("rsa2048")]
    [TestCase("p256")]
    [TestCase("p384")]
    [TestCase("p521")]
    [TestCase("ed25519")]
    public async Task SignRequestAsync_AcceptedKey_SignsACertificateForThatKey(string kind)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys(kind);
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.O, "Example"), (X509Name.CN, "carol")));

        var result = await SignAsync(ca, csr);

        var certificate = PkiCertificates.ReadCertificate(File.ReadAllBytes(result.CertificatePath), "out.crt");
        certificate.GetPublicKey().Should().Be(keys.Public);
        var authority = PkiCertificates.ReadCertificate(File.ReadAllBytes(ca.CertificatePath), "ca.crt");
        certificate.Verify(authority.GetPublicKey());
        result.Certificate.Name.Should().Be("carol");
    }

    [TestCase("\u001b[31mred\u001b[0m")]
    [TestCase("../evil")]
    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("a..b")]
    [TestCase("alice\n")]
    [TestCase("bob\u202Eexe.crt")]
    [TestCase("with space")]
    public async Task SignRequestAsync_CommonNameOutsideTheClientNameRule_RefusedPrintablyAndNothingWritten(string commonName)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys("p256");
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.CN, commonName)));
        var index = File.ReadAllText(ca.IndexPath);

        var act = () => SignAsync(ca, csr);

        var refusal = await act.Should().ThrowAsync<PkiException>();
        refusal.Which.Message.Should().Contain("is not allowed").And.Contain("A-Z a-z 0-9");
        refusal.Which.Message.Any(CertificateAuthority.IsUnprintable).Should().BeFalse("the message goes to a terminal");
        File.Exists(Path.Combine(_root, "out.crt")).Should().BeFalse();
        File.ReadAllText(ca.IndexPath).Should().Be(index);
    }

    [Test]
    public async Task SignRequestAsync_EscapeSequenceElsewhereInSubject_Refused()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys("p256");
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.OU, "\u001b]0;owned\u0007"), (X509Name.CN, "carol")));

        var act = () => SignAsync(ca, csr);

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Should().Contain("control or formatting character").And.Contain("OU=").And.NotContain("\u001b");
    }

    [Test]
    public async Task SignRequestAsync_NameDiffersFromCommonName_Refused()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys("p256");
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.CN, "carol")));

        var act = () => SignAsync(ca, csr, name: "dave");

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Should().Contain("differs from the request's common name 'carol'");
        File.Exists(Path.Combine(_root, "out.crt")).Should().BeFalse();
    }

    [Test]
    public async Task SignRequestAsync_TwoCommonNames_Refused()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys("p256");
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.CN, "carol"), (X509Name.CN, "admin")));

        var act = () => SignAsync(ca, csr);

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Should().Contain("2 common names");
    }

    [Test]
    public async Task SignRequestAsync_NameEqualToCommonName_IndexKeepsTheCnAndRevokeByCnFindsIt()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var (keys, algorithm) = MakeKeys("p256");
        var csr = WriteRequest(keys, algorithm, Subject((X509Name.CN, "carol")));
        var signed = await SignAsync(ca, csr, name: "carol");

        var revoked = await ca.RevokeAsync("carol");

        revoked.Should().ContainSingle().Which.SerialNumber.Should().Be(signed.Certificate.SerialNumber);
    }

    [TestCase("../evil")]
    [TestCase("a..b")]
    [TestCase("alice\n")]
    [TestCase("\u001b[2J")]
    public async Task IssueClientAsync_NameRuleSharedWithSign_Refuses(string name)
    {
        var ca = NewCa();
        await CreateAsync(ca);

        var act = () => IssueAsync(ca, name);

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Any(CertificateAuthority.IsUnprintable).Should().BeFalse();
        Directory.Exists(ca.ClientsDirectory).Should().BeFalse();
    }
}
