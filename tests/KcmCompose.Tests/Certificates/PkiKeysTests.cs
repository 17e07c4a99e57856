using KcmCompose.Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KcmCompose.Tests.Certificates;

public class PkiKeysTests
{
    [TestCase(KeyAlgorithm.EcdsaP256)]
    [TestCase(KeyAlgorithm.EcdsaP384)]
    [TestCase(KeyAlgorithm.Rsa2048)]
    public void ToPemThenRead_EncryptedKey_RoundTrips(KeyAlgorithm algorithm)
    {
        using var key = PkiKey.Generate(algorithm);

        var pem = PkiKeys.ToPem(key, "pass");
        using var read = PkiKeys.Read(pem, "pass", "test.key");

        pem.Should().StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        read.Matches(key.PublicKeyInfo).Should().BeTrue();
        read.Algorithm.Should().Be(algorithm);
    }

    [Test]
    public void Read_WrongPassphrase_SaysSo()
    {
        using var key = PkiKey.Generate(KeyAlgorithm.EcdsaP256);
        var pem = PkiKeys.ToPem(key, "right");

        var act = () => PkiKeys.Read(pem, "wrong", "test.key");

        act.Should().Throw<PkiException>().WithMessage("wrong passphrase for 'test.key'*");
    }

    [Test]
    public void Read_EncryptedWithoutPassphrase_SaysSo()
    {
        using var key = PkiKey.Generate(KeyAlgorithm.EcdsaP256);
        var pem = PkiKeys.ToPem(key, "right");

        var act = () => PkiKeys.Read(pem, null, "test.key");

        act.Should().Throw<PkiException>().WithMessage("*encrypted and no passphrase*");
    }

    [Test]
    public void Matches_KeysOfDifferentPairs_IsFalse()
    {
        using var a = PkiKey.Generate(KeyAlgorithm.EcdsaP256);
        using var b = PkiKey.Generate(KeyAlgorithm.EcdsaP256);
        using var rsa = PkiKey.Generate(KeyAlgorithm.Rsa2048);
        using var rsa2 = PkiKey.Generate(KeyAlgorithm.Rsa2048);

        a.Matches(b.PublicKeyInfo).Should().BeFalse();
        a.Matches(rsa.PublicKeyInfo).Should().BeFalse();
        rsa.Matches(a.PublicKeyInfo).Should().BeFalse();
        rsa.Matches(rsa2.PublicKeyInfo).Should().BeFalse();
        a.Matches(a.PublicKeyInfo).Should().BeTrue();
        rsa.Matches(rsa.PublicKeyInfo).Should().BeTrue();
    }

    [TestCase(KeyAlgorithm.Rsa2048, "RSA PRIVATE KEY")]
    [TestCase(KeyAlgorithm.EcdsaP256, "EC PRIVATE KEY")]
    public void Read_TraditionalDesEde3Pem_ReadsWithPassphraseAndRejectsWrongOne(KeyAlgorithm algorithm, string label)
    {
        AsymmetricCipherKeyPair pair;
        if (algorithm == KeyAlgorithm.Rsa2048)
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            pair = DotNetUtilities.GetRsaKeyPair(rsa);
        }
        else
        {
            pair = PkiKeys.GenerateEc(algorithm);
        }

        using var text = new StringWriter();
        var writer = new Org.BouncyCastle.OpenSsl.PemWriter(text);
        writer.WriteObject(new Org.BouncyCastle.OpenSsl.MiscPemGenerator(pair.Private, "DES-EDE3-CBC", "legacy".ToCharArray(), PkiKeys.Random));
        writer.Writer.Flush();
        var pem = text.ToString();
        pem.Should().Contain($"BEGIN {label}").And.Contain("Proc-Type: 4,ENCRYPTED").And.Contain("DEK-Info: DES-EDE3-CBC");

        using var read = PkiKeys.Read(pem, "legacy", "old.key");
        read.Matches(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pair.Public)).Should().BeTrue();
        var wrong = () => PkiKeys.Read(pem, "nope", "old.key");
        wrong.Should().Throw<PkiException>().WithMessage("*old.key*");
    }

    [Test]
    public void Read_UnencryptedPkcs8_NeedsNoPassphrase()
    {
        using var key = PkiKey.Generate(KeyAlgorithm.EcdsaP384);

        var pem = PkiKeys.ToPem(key, passphrase: null);

        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        using var read = PkiKeys.Read(pem, null, "plain.key");
        read.Matches(key.PublicKeyInfo).Should().BeTrue();
    }

    [Test]
    public void Read_Certificate_IsNotAKey()
    {
        var act = () => PkiKeys.Read("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", null, "ca.crt");

        act.Should().Throw<PkiException>().WithMessage("*not a private key*");
    }

    [TestCase(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes128Cbc, "SHA1")]
    [TestCase(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes192Cbc, "SHA512")]
    [TestCase(System.Security.Cryptography.PbeEncryptionAlgorithm.Aes256Cbc, "SHA384")]
    [TestCase(System.Security.Cryptography.PbeEncryptionAlgorithm.TripleDes3KeyPkcs12, "SHA1")]
    public void Read_OtherPkcs8EncryptionSchemes_ReadsAndRejectsWrongPassphrase(System.Security.Cryptography.PbeEncryptionAlgorithm scheme, string hash)
    {
        using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var pem = ec.ExportEncryptedPkcs8PrivateKeyPem("pass", new System.Security.Cryptography.PbeParameters(scheme, new System.Security.Cryptography.HashAlgorithmName(hash), 1000));

        using var read = PkiKeys.Read(pem, "pass", "other.key");

        read.Matches(Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(ec.ExportSubjectPublicKeyInfo())).Should().BeTrue();
        var wrong = () => PkiKeys.Read(pem, "wrong", "other.key");
        wrong.Should().Throw<PkiException>().WithMessage("wrong passphrase for 'other.key'*");
    }
}
