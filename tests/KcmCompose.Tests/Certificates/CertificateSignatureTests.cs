using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

public class CertificateSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static IEnumerable<TestCaseData> CommonAlgorithms()
    {
        yield return new TestCaseData("rsa", "SHA256WITHRSA").SetArgDisplayNames("RSA SHA-256");
        yield return new TestCaseData("rsa", "SHA384WITHRSA").SetArgDisplayNames("RSA SHA-384");
        yield return new TestCaseData("rsa", "SHA512WITHRSA").SetArgDisplayNames("RSA SHA-512");
        yield return new TestCaseData("ec", "SHA256WITHECDSA").SetArgDisplayNames("ECDSA SHA-256");
        yield return new TestCaseData("ec", "SHA384WITHECDSA").SetArgDisplayNames("ECDSA SHA-384");
    }

    [TestCaseSource(nameof(CommonAlgorithms))]
    public void IsSelfSigned_CommonAlgorithm_IsAnsweredWithoutABouncyCastleKey(string key, string algorithm)
    {
        var root = TestPki.Root("CN=Sig Root", Now, key == "rsa" ? TestPki.NewRsa(2048) : TestPki.NewEc(), signatureAlgorithm: algorithm);

        var element = CaFile.Analyze(TestPki.Bytes(root.Pem)).Certificates.Single();

        element.IsSelfSigned.Should().BeTrue();
        element.BouncyCastleKeyBuilt.Should().BeFalse("BouncyCastle validates an RSA modulus with Miller-Rabin rounds each time it builds the key");
    }

    [TestCaseSource(nameof(CommonAlgorithms))]
    public void IsSignedBy_OtherIssuerOrTamperedSignature_IsFalse(string key, string algorithm)
    {
        var keys = key == "rsa" ? TestPki.NewRsa(2048) : TestPki.NewEc();
        var root = TestPki.Root("CN=Sig Root", Now, keys, signatureAlgorithm: algorithm);
        var other = TestPki.Root("CN=Sig Root", Now, key == "rsa" ? TestPki.NewRsa(2048) : TestPki.NewEc(), signatureAlgorithm: algorithm);
        var der = root.Der.ToArray();
        der[^3] ^= 0x01; // inside the signature BIT STRING, the last element of the certificate

        var element = CaFile.Analyze(TestPki.Bytes(root.Pem)).Certificates.Single();
        var stranger = CaFile.Analyze(TestPki.Bytes(other.Pem)).Certificates.Single();
        var tampered = CaFile.Analyze(TestPki.Bytes(TestPki.ToPem(new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(der)))).Certificates.Single();

        element.IsSignedBy(stranger).Should().BeFalse();
        stranger.IsSignedBy(element).Should().BeFalse();
        tampered.IsSignedBy(element).Should().BeFalse();
        tampered.IsSelfSigned.Should().BeFalse();
        element.IsSignedBy(element).Should().BeTrue();
    }

    [Test]
    public void IsSelfSigned_Sha1Rsa_IsStillCheckedByBouncyCastle()
    {
        var root = TestPki.Root("CN=Sig Root", Now, signatureAlgorithm: "SHA1WITHRSA");

        var element = CaFile.Analyze(TestPki.Bytes(root.Pem)).Certificates.Single();

        element.IsSelfSigned.Should().BeTrue();
        element.BouncyCastleKeyBuilt.Should().BeTrue();
    }

    [Test]
    public void IsSignedBy_RsaIssuerForEcdsaSignature_IsFalse()
    {
        var ec = TestPki.Root("CN=Sig Root", Now, TestPki.NewEc());
        var rsa = TestPki.Root("CN=Sig Root", Now, TestPki.NewRsa(2048));

        var ecElement = CaFile.Analyze(TestPki.Bytes(ec.Pem)).Certificates.Single();
        var rsaElement = CaFile.Analyze(TestPki.Bytes(rsa.Pem)).Certificates.Single();

        ecElement.IsSignedBy(rsaElement).Should().BeFalse();
        rsaElement.IsSignedBy(ecElement).Should().BeFalse();
    }
}
