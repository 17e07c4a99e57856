using KcmCompose.Certificates;
using KcmCompose.Kcm;
using KcmCompose.Tests.Validation;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary><c>client revoke --compose</c> and <c>client renew --revoke-old</c>, in process on a real CA folder.</summary>
public sealed class ClientRevokeCommandTests : RevokedClientFixture
{
    private string PassphraseFile => Path.Combine(Root, "ca.pass");

    [SetUp]
    public Task WritePassphrase() => File.WriteAllTextAsync(PassphraseFile, CaPassphrase + "\n");

    private async Task<string[]> ListedAsync()
    {
        var proxy = KcmCompose.Compose.ComposeServices.Read(KcmCompose.Compose.ComposeDocument.Parse(await File.ReadAllTextAsync(ComposeFile))).Find("ssl")!;
        return [.. RevocationDenyList.Read(proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)?.Value)];
    }

    private async Task<string> SerialOfAsync(string name) =>
        (await CertificateChain.LoadAsync(Path.Combine(Ca.ClientsDirectory, name + ".crt"))).Leaf.SerialNumber;

    [Test]
    public async Task Revoke_Compose_WritesDenyListAndCrlKeepingUserText()
    {
        var alice = await SerialOfAsync("alice");
        await Ca.IssueClientAsync(new ClientIssueOptions { Name = "carol", CaPassphrase = CaPassphrase, Passphrase = "client-pass-1", Key = KeyAlgorithm.EcdsaP256 });

        var (exit, output, error) = await CliRunner.RunAsync("client", "revoke", "alice", "--ca-dir", Ca.Directory, "--compose", ComposeFile, "--ca-passphrase-file", PassphraseFile);

        exit.Should().Be(0, error);
        output.Should().Contain("Revoked alice").And.Contain("Wrote CRL");
        (await ListedAsync()).Should().BeEquivalentTo([RevocationList.NginxSerial(BobSerial), RevocationList.NginxSerial(alice)]);
        (await File.ReadAllTextAsync(ComposeFile)).Should().Contain("add_header X-Mine 1;\n");
        var crl = await RevocationList.FromCrlAsync(Path.Combine(Ca.Directory, "crl.pem"));
        crl.Revoked.Select(r => r.SerialNumber).Should().BeEquivalentTo(await ListedAsync());
        (await ComposeValidator.ValidateFileAsync(ComposeFile, new ComposeValidatorOptions { Revocations = await RevocationList.FromCaAsync(Ca.Directory) }))
            .Diagnostics.Should().NotContain(d => d.Code == "revocation-not-enforced" || d.Code == "deny-list-stale");
    }

    [Test]
    public async Task Revoke_DryRun_PrintsDiffAndWritesNothing()
    {
        var before = await File.ReadAllTextAsync(ComposeFile);
        var index = await File.ReadAllTextAsync(Ca.IndexPath);

        var (exit, output, error) = await CliRunner.RunAsync("client", "revoke", "alice", "--ca-dir", Ca.Directory, "--compose", ComposeFile, "--dry-run");

        exit.Should().Be(0, error);
        output.Should().Contain("+").And.Contain("$$ssl_client_serial = " + RevocationList.NginxSerial(await SerialOfAsync("alice")));
        (await File.ReadAllTextAsync(ComposeFile)).Should().Be(before);
        (await File.ReadAllTextAsync(Ca.IndexPath)).Should().Be(index);
    }

    [Test]
    public async Task Revoke_ApplyWithoutCompose_RefusedAsUsage()
    {
        var (exit, _, error) = await CliRunner.RunAsync("client", "revoke", "alice", "--ca-dir", Ca.Directory, "--apply");

        exit.Should().Be(2);
        error.Should().Contain("--compose");
    }

    [Test]
    public async Task Revoke_WithoutCompose_SaysTheProxyStillAdmitsIt()
    {
        var (exit, output, _) = await CliRunner.RunAsync("client", "revoke", "alice", "--ca-dir", Ca.Directory);

        exit.Should().Be(0);
        output.Should().Contain("still admits");
    }

    [Test]
    public async Task Renew_RevokeOld_ListsOldSerialOnly()
    {
        var old = await SerialOfAsync("alice");

        var (exit, _, error) = await CliRunner.RunAsync(
            "client", "renew", "alice", "--ca-dir", Ca.Directory, "--pfx-passphrase-file", await ClientPassphraseFileAsync(),
            "--ca-passphrase-file", PassphraseFile, "--revoke-old", "--compose", ComposeFile);

        exit.Should().Be(0, error);
        var renewed = await SerialOfAsync("alice");
        renewed.Should().NotBe(old);
        (await ListedAsync()).Should().Contain(RevocationList.NginxSerial(old)).And.NotContain(RevocationList.NginxSerial(renewed));
    }

    private async Task<string> ClientPassphraseFileAsync()
    {
        var path = Path.Combine(Root, "client.pass");
        await File.WriteAllTextAsync(path, "client-pass-1\n");
        return path;
    }
}
