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
}
