using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

public class PkiKeysTests
{
    [TestCase(KeyAlgorithm.EcdsaP256)]
    [TestCase(KeyAlgorithm.EcdsaP384)]
    [TestCase(KeyAlgorithm.Rsa2048)]
    public void ToPemThenRead_EncryptedKey_RoundTrips(KeyAlgorithm algorithm)
    {
        var pair = PkiKeys.Generate(algorithm);

        var pem = PkiKeys.ToPem(pair.Private, "pass");
        var read = PkiKeys.Read(pem, "pass", "test.key");

        pem.Should().StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        PkiKeys.Matches(read, pair.Public).Should().BeTrue();
    }

    [Test]
    public void Read_WrongPassphrase_SaysSo()
    {
        var pem = PkiKeys.ToPem(PkiKeys.Generate(KeyAlgorithm.EcdsaP256).Private, "right");

        var act = () => PkiKeys.Read(pem, "wrong", "test.key");

        act.Should().Throw<PkiException>().WithMessage("wrong passphrase for 'test.key'*");
    }

    [Test]
    public void Read_EncryptedWithoutPassphrase_SaysSo()
    {
        var pem = PkiKeys.ToPem(PkiKeys.Generate(KeyAlgorithm.EcdsaP256).Private, "right");

        var act = () => PkiKeys.Read(pem, null, "test.key");

        act.Should().Throw<PkiException>().WithMessage("*encrypted and no passphrase*");
    }

    [Test]
    public void Matches_KeysOfDifferentPairs_IsFalse()
    {
        var a = PkiKeys.Generate(KeyAlgorithm.EcdsaP256);
        var b = PkiKeys.Generate(KeyAlgorithm.EcdsaP256);
        var rsa = PkiKeys.Generate(KeyAlgorithm.Rsa2048);

        PkiKeys.Matches(a.Private, b.Public).Should().BeFalse();
        PkiKeys.Matches(a.Private, rsa.Public).Should().BeFalse();
        PkiKeys.Matches(a.Private, PkiKeys.PublicOf(a.Private)).Should().BeTrue();
    }

    [TestCase(KeyAlgorithm.Rsa2048, "RSA PRIVATE KEY")]
    [TestCase(KeyAlgorithm.EcdsaP256, "EC PRIVATE KEY")]
    public void Read_TraditionalDesEde3Pem_ReadsWithPassphraseAndRejectsWrongOne(KeyAlgorithm algorithm, string label)
    {
        var pair = PkiKeys.Generate(algorithm);
        using var text = new StringWriter();
        var writer = new Org.BouncyCastle.OpenSsl.PemWriter(text);
        writer.WriteObject(new Org.BouncyCastle.OpenSsl.MiscPemGenerator(pair.Private, "DES-EDE3-CBC", "legacy".ToCharArray(), PkiKeys.Random));
        writer.Writer.Flush();
        var pem = text.ToString();
        pem.Should().Contain($"BEGIN {label}").And.Contain("Proc-Type: 4,ENCRYPTED").And.Contain("DEK-Info: DES-EDE3-CBC");

        PkiKeys.Matches(PkiKeys.Read(pem, "legacy", "old.key"), pair.Public).Should().BeTrue();
        var wrong = () => PkiKeys.Read(pem, "nope", "old.key");
        wrong.Should().Throw<PkiException>().WithMessage("*old.key*");
    }

    [Test]
    public void Read_UnencryptedPkcs8_NeedsNoPassphrase()
    {
        var pair = PkiKeys.Generate(KeyAlgorithm.EcdsaP384);

        var pem = PkiKeys.ToPem(pair.Private, passphrase: null);

        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        PkiKeys.Matches(PkiKeys.Read(pem, null, "plain.key"), pair.Public).Should().BeTrue();
    }

    [Test]
    public void Read_Certificate_IsNotAKey()
    {
        var act = () => PkiKeys.Read("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", null, "ca.crt");

        act.Should().Throw<PkiException>().WithMessage("*not a private key*");
    }
}
