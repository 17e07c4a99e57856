using System.Security.Cryptography.X509Certificates;
using KcmCompose.Certificates;
using KcmCompose.Cli;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Kcm;

[NonParallelizable]
public sealed class KcmInitializerTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private string _parent = null!;

    private string Folder => Path.Combine(_parent, "kcm");

    [SetUp]
    public void CreateParent() => _parent = Directory.CreateTempSubdirectory("kcm-init-").FullName;

    [TearDown]
    public void DeleteParent() => Directory.Delete(_parent, recursive: true);

    private KcmInitOptions Options(params string[] clients) => new()
    {
        Directory = Folder,
        Hostname = "kcm.example.com",
        Clients = [.. clients],
        CaKey = KeyAlgorithm.EcdsaP256,
        ClientKey = KeyAlgorithm.EcdsaP256,
    };

    [Test]
    public async Task InitializeAsync_NewFolder_WritesTheWholeGuideValidatedWithSecretsOwnerOnly()
    {
        var result = await KcmInitializer.InitializeAsync(Options("alice", "bob"));

        result.Validation.ErrorCount.Should().Be(0);
        result.Clients.Select(c => c.Name).Should().Equal("alice", "bob");
        result.Clients.Should().OnlyContain(c => c.Created);
        var stack = KcmStackReader.Read(await ComposeDocument.LoadAsync(result.ComposeFile)).Stack!;
        stack.Proxy.ClientAuthentication!.CaHostPath.Should().Be("./ca/ca.crt");
        stack.Proxy.Tls.Should().Be(TlsMode.SelfSigned);
        Path.GetFullPath(Path.Combine(Folder, stack.Proxy.ClientAuthentication.CaHostPath!)).Should().Be(result.CaCertificate);
        foreach (var secret in new[] { result.EnvFile, result.CaKey, result.CaPassphraseFile, result.ComposeFile }
            .Concat(result.Clients.SelectMany(c => new[] { c.Key, c.Pfx, c.PfxPassphraseFile })))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(secret).Should().Be(OwnerOnly, secret);
            }
        }

        // The .pfx opens with the passphrase in its file, and its certificate chains to the CA the proxy trusts.
        foreach (var client in result.Clients)
        {
            var passphrase = await Passphrases.ReadFileAsync(client.PfxPassphraseFile);
            using var pfx = X509CertificateLoader.LoadPkcs12FromFile(client.Pfx, passphrase);
            using var ca = X509CertificateLoader.LoadCertificateFromFile(result.CaCertificate);
            pfx.HasPrivateKey.Should().BeTrue();
            pfx.Issuer.Should().Be(ca.Subject);
        }

        (await new CertificateAuthority(Path.GetDirectoryName(result.CaCertificate)!).IsKeyEncryptedAsync()).Should().BeTrue();
        Directory.GetFileSystemEntries(_parent).Should().ContainSingle("the staging folder is renamed into place");
    }

    [Test]
    public async Task InitializeAsync_SwarmTarget_WritesAStackFileWhoseCaConfigIsNamedAfterTheCaAndValidates()
    {
        var result = await KcmInitializer.InitializeAsync(Options("alice") with { Target = KcmTarget.Swarm });

        result.Target.Should().Be(KcmTarget.Swarm);
        result.Validation.ErrorCount.Should().Be(0, string.Join("\n", result.Validation.Diagnostics));
        var text = await File.ReadAllTextAsync(result.ComposeFile);
        var expectedName = SwarmObjectName.For("kcm-client-ca", await File.ReadAllBytesAsync(result.CaCertificate));
        text.Should().Contain("deploy:").And.Contain(expectedName).And.Contain("file: ./ca/ca.crt");
    }

    [Test]
    public async Task Init_TargetSwarm_NextStepsSayStackDeployWithTheEnvFileExported()
    {
        var (exit, output, error) = await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--target", "swarm", "--swarm-network", "host", "--ca-key", "p256", "--client-key", "p256");

        exit.Should().Be(ExitCodes.Success, error);
        output.Should().Contain("set -a && . ./.env && set +a && docker stack deploy -c docker-compose.yml kcm");
    }

    [Test]
    public async Task InitializeAsync_NonEmptyFolderWithoutForce_RefusesAndChangesNothing()
    {
        await KcmInitializer.InitializeAsync(Options("alice"));
        var before = Snapshot();

        var act = () => KcmInitializer.InitializeAsync(Options("alice", "bob"));

        (await act.Should().ThrowAsync<KcmInitException>()).Which.Message.Should().Contain(Folder).And.Contain("--force");
        Snapshot().Should().Equal(before);
    }

    [Test]
    public async Task InitializeAsync_Force_KeepsEveryKeyAndSecretAndAddsTheNewClient()
    {
        var first = await KcmInitializer.InitializeAsync(Options("alice"));
        var before = Snapshot();

        var second = await KcmInitializer.InitializeAsync(Options("alice", "bob") with { Force = true });

        second.Clients.Single(c => c.Name == "alice").Created.Should().BeFalse();
        second.Clients.Single(c => c.Name == "bob").Created.Should().BeTrue();
        var after = Snapshot();
        foreach (var kept in new[] { first.CaKey, first.CaCertificate, first.CaPassphraseFile, first.EnvFile, first.Clients[0].Key, first.Clients[0].Pfx, first.Clients[0].PfxPassphraseFile })
        {
            after[kept].Should().Be(before[kept], $"{kept} is kept byte for byte");
        }

        after[first.ComposeFile].Should().Be(before[first.ComposeFile], "the same options write the same compose file");
        File.Exists(second.Clients[1].Pfx).Should().BeTrue();
    }

    [Test]
    public async Task InitializeAsync_BadClientName_LeavesNoFolderBehind()
    {
        var act = () => KcmInitializer.InitializeAsync(Options("alice", "../evil"));

        await act.Should().ThrowAsync<PkiException>();
        Directory.GetFileSystemEntries(_parent).Should().BeEmpty("a failed init leaves neither the folder nor its staging copy");
    }

    [Test]
    public async Task InitializeAsync_ClientNamedCa_IsRefusedBeforeItsPassphraseFileCouldTakeTheCas()
    {
        var act = () => KcmInitializer.InitializeAsync(Options("alice", "ca"));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("'ca'");
        Directory.GetFileSystemEntries(_parent).Should().BeEmpty();
    }

    [Test]
    public async Task InitializeAsync_BadHostname_ThrowsBeforeWritingAnything()
    {
        var act = () => KcmInitializer.InitializeAsync(Options("alice") with { Hostname = "not a host" });

        await act.Should().ThrowAsync<KcmStackException>();
        Directory.GetFileSystemEntries(_parent).Should().BeEmpty();
    }

    [Test]
    public async Task Init_FormatJson_PrintsTheDocumentedShapeWithFilesThatExist()
    {
        var (exit, output, error) = await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--clients", "alice,bob", "--ca-key", "p256", "--client-key", "p256", "--format", "json");

        exit.Should().Be(ExitCodes.Success, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal("composeFile", "envFile", "caCertificate", "caKey", "caPassphraseFile", "clients");
        foreach (var name in new[] { "composeFile", "envFile", "caCertificate", "caKey", "caPassphraseFile" })
        {
            File.Exists(root.GetProperty(name).GetString()).Should().BeTrue(name);
        }

        root.GetProperty("clients").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("alice", "bob");
        foreach (var client in root.GetProperty("clients").EnumerateArray())
        {
            client.EnumerateObject().Select(p => p.Name).Should().Equal("name", "certificate", "key", "pfx", "pfxPassphraseFile");
            client.EnumerateObject().Skip(1).Should().OnlyContain(p => File.Exists(p.Value.GetString()));
        }
    }

    [Test]
    public async Task Init_Text_PrintsNextStepsNamingSecretsImportAndVerify()
    {
        var (exit, output, error) = await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--clients", "alice", "--ca-key", "p256", "--client-key", "p256");

        exit.Should().Be(ExitCodes.Success, error);
        output.Should().Contain(".env").And.Contain("ca/ca.key").And.Contain("secrets/alice.pass")
            .And.Contain("Windows").And.Contain("macOS").And.Contain("Firefox")
            .And.Contain("docker compose up -d")
            .And.Contain("kcm-compose verify https://kcm.example.com/ --client-pfx ca/clients/alice.pfx --pfx-passphrase-file secrets/alice.pass --insecure");
    }

    [Test]
    public async Task Init_ExistingFolder_ExitsOneWithoutForce()
    {
        (await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--ca-key", "p256", "--client-key", "p256")).Exit.Should().Be(0);

        var (exit, _, error) = await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--ca-key", "p256", "--client-key", "p256");

        exit.Should().Be(ExitCodes.Failed);
        error.Should().Contain("--force").And.NotContain("   at ");
    }

    [Test]
    public async Task Init_ForceWithFifoInPlaceOfEnvFile_ExitsTwoNamingTheFile()
    {
        (await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--ca-key", "p256", "--client-key", "p256")).Exit.Should().Be(0);
        var env = Path.Combine(Folder, ".env");
        File.Delete(env);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", env))
        {
            await mkfifo.WaitForExitAsync();
        }

        var (exit, _, error) = await CliRunner.RunAsync("init", Folder, "--hostname", "kcm.example.com", "--force", "--ca-key", "p256", "--client-key", "p256").WaitAsync(TimeSpan.FromSeconds(30));

        exit.Should().Be(ExitCodes.Usage);
        error.Should().Contain(env).And.NotContain("   at ");
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
    }

    /// <summary>Every file under the folder with its bytes.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));
}
