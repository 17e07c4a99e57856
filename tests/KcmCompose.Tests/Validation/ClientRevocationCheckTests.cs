using System.Text.Json;
using KcmCompose.Certificates;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

public sealed class ClientRevocationCheckTests : RevokedClientFixture
{
    private string Client(string name) => Path.Combine(Ca.ClientsDirectory, name + ".crt");

    private async Task<(int Exit, JsonElement Json)> CheckClientAsync(string name, params string[] extra)
    {
        var (exit, output, error) = await CliRunner.RunAsync(["check-client", Client(name), ComposeFile, "--format", "json", .. extra]);
        output.Should().NotBeEmpty(error);
        return (exit, JsonDocument.Parse(output).RootElement);
    }

    [Test]
    public async Task CheckClient_RevokedWithCaDir_RejectsWithDateAndSaysProxyAdmitsIt()
    {
        var (exit, json) = await CheckClientAsync("bob", "--ca-dir", Ca.Directory);

        exit.Should().Be(1);
        json.GetProperty("verdict").GetString().Should().Be("reject");
        json.GetProperty("code").GetString().Should().Be("client-revoked");
        json.GetProperty("revoked").GetBoolean().Should().BeTrue();
        json.GetProperty("revokedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        json.GetProperty("proxyRefuses").GetBoolean().Should().BeFalse();
        json.GetProperty("reason").GetString().Should().StartWith("Revoked on ").And.Contain("still admits it");
    }

    [Test]
    public async Task CheckClient_RevokedAndDenyListed_SaysProxyRefuses()
    {
        await RevocationDenyList.ApplyFileAsync(ComposeFile, [BobSerial]);

        var (exit, json) = await CheckClientAsync("bob", "--ca-dir", Ca.Directory);

        exit.Should().Be(1);
        json.GetProperty("proxyRefuses").GetBoolean().Should().BeTrue();
        json.GetProperty("serial").GetString().Should().Be(RevocationList.NginxSerial(BobSerial));
    }

    [Test]
    public async Task CheckClient_DenyListedWithoutCaDir_RejectsBecauseTheProxyRefuses()
    {
        await RevocationDenyList.ApplyFileAsync(ComposeFile, [BobSerial]);

        var (exit, json) = await CheckClientAsync("bob");

        exit.Should().Be(1);
        json.GetProperty("verdict").GetString().Should().Be("reject");
        json.GetProperty("revoked").GetBoolean().Should().BeFalse();
        json.GetProperty("proxyRefuses").GetBoolean().Should().BeTrue();
    }

    [Test]
    public async Task CheckClient_NotRevoked_Accepts()
    {
        await RevocationDenyList.ApplyFileAsync(ComposeFile, [BobSerial]);

        var (exit, json) = await CheckClientAsync("alice", "--ca-dir", Ca.Directory);

        exit.Should().Be(0);
        json.GetProperty("verdict").GetString().Should().Be("accept");
        json.GetProperty("revoked").GetBoolean().Should().BeFalse();
        json.GetProperty("proxyRefuses").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task CheckClient_RevokedWithCrl_Rejects()
    {
        var crl = Path.Combine(Root, "crl.pem");
        await Ca.WriteCrlAsync(new CrlOptions { OutputPath = crl, CaPassphrase = CaPassphrase });

        var (exit, json) = await CheckClientAsync("bob", "--crl", crl);

        exit.Should().Be(1);
        json.GetProperty("code").GetString().Should().Be("client-revoked");
    }

    [Test]
    public async Task Evaluate_ListOfAnotherCa_RevokesNothing()
    {
        var other = new CertificateAuthority(Path.Combine(Root, "other"));
        await other.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase, Subject = CertificateSubject.FromCommonName("Another CA") });
        var list = await RevocationList.FromCaAsync(other.Directory) with
        {
            Revoked = [new RevokedCertificate(RevocationList.NginxSerial(BobSerial), DateTimeOffset.UtcNow)],
        };

        var result = ClientRevocationCheck.Evaluate(await CertificateChain.LoadAsync(Client("bob")), list, null, proxyRead: false);

        result.IsRevoked.Should().BeFalse();
        result.ProxyRefuses.Should().BeNull();
    }
}
