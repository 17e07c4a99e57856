using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

/// <summary>client-auth enable/disable and the deny list on Swarm stack files: the CA as a content-hashed config, edits in place.</summary>
public class SwarmClientAuthenticationTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("kcm-swarm-auth-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Enable_StackFile_AddsHashedConfigNotBindMount()
    {
        var (file, original) = await EmitAsync();
        var ca = Write("ca.pem", "CA one");

        var result = await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(ca));

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        var root = ComposeDocument.Parse(result.Text).Root;
        var proxy = Service(root, "ssl");
        ((ComposeMapping)proxy["environment"]!)["CLIENT_CERTIFICATE_FILE"].Should().Be(new ComposeScalar(ClientAuthentication.DefaultCaPath));
        ((ComposeSequence)proxy["configs"]!).Items.Should().ContainSingle().Which.Should().Be(KcmSwarmMapper.Reference("client-ca", ContainerPath.Of(ClientAuthentication.DefaultCaPath)));
        proxy["volumes"].Should().BeNull();
        var config = (ComposeMapping)((ComposeMapping)root["configs"]!)["client-ca"]!;
        config["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("kcm-client-ca", "CA one"u8)));
        result.Text.Should().StartWith(original[..original.IndexOf("  ssl:", StringComparison.Ordinal)], "text before the proxy is kept byte for byte");
    }

    [Test]
    public async Task Enable_NewCaContent_RenamesTheConfigOnly()
    {
        var (file, _) = await EmitAsync();
        var ca = Write("ca.pem", "CA one");
        await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(ca));
        var before = await File.ReadAllTextAsync(file);
        Write("ca.pem", "CA two");

        var result = await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(ca));

        result.Status.Should().Be(ComposeEditStatus.Changed);
        var changed = Diff(before, result.Text);
        changed.Should().Equal($"    name: {SwarmObjectName.For("kcm-client-ca", "CA one"u8)}", $"    name: {SwarmObjectName.For("kcm-client-ca", "CA two"u8)}");
    }

    [Test]
    public async Task Enable_SameCaTwice_IsUnchanged()
    {
        var (file, _) = await EmitAsync();
        var ca = Write("ca.pem", "CA one");
        await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(ca));

        var result = await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(ca));

        result.Status.Should().Be(ComposeEditStatus.Unchanged);
    }

    [Test]
    public async Task Enable_EmittedWithCa_KeepsTheEmittersConfigKeyAndPrefix()
    {
        var first = Write("first.pem", "CA one");
        var (file, _) = await EmitAsync(b => b.WithClientCa(first), new KcmSwarmOptions { NamePrefix = "edge" });
        var second = Write("second.pem", "CA two");

        var result = await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(second));

        var root = ComposeDocument.Parse(result.Text).Root;
        var configs = (ComposeMapping)root["configs"]!;
        configs.Entries.Should().ContainSingle();
        ((ComposeMapping)configs["client-ca"]!)["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("edge-client-ca", "CA two"u8)));
        ((ComposeSequence)Service(root, "ssl")["configs"]!).Items.Should().ContainSingle();
    }

    [Test]
    public async Task Enable_CaUnreadable_IsRefusedNamingTheFile()
    {
        var (file, original) = await EmitAsync();
        var missing = Path.Combine(_folder, "absent.pem");

        var result = await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(missing));

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Message.Should().Contain(missing).And.Contain("named after its content");
        (await File.ReadAllTextAsync(file)).Should().Be(original);
    }

    [Test]
    public async Task Disable_AfterEnable_RestoresTheFileByteForByte()
    {
        var (file, original) = await EmitAsync();
        await ClientAuthenticationEditor.EnableFileAsync(file, ClientAuthentication.FromCaFile(Write("ca.pem", "CA one")));

        var result = await ClientAuthenticationEditor.DisableFileAsync(file);

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        result.Text.Should().Be(original);
    }

    [Test]
    public async Task Disable_EmittedWithCaAndCertificate_KeepsTheCertificateConfig()
    {
        var tls = TlsMode.ExistingCertificate(Write("server.crt", "cert"), Write("server.key", "key"));
        var (file, _) = await EmitAsync(b => b.WithTls(tls).WithClientCa(Write("ca.pem", "CA one")));

        var result = await ClientAuthenticationEditor.DisableFileAsync(file);

        var root = ComposeDocument.Parse(result.Text).Root;
        ((ComposeMapping)root["configs"]!).Entries.Select(e => e.Key.Value).Should().Equal("server-cert");
        ((ComposeSequence)Service(root, "ssl")["configs"]!).Items.Should().ContainSingle().Which.Should().Be(KcmSwarmMapper.Reference("server-cert", tls.CertificateFile));
        ((ComposeMapping)Service(root, "ssl")["environment"]!)["CLIENT_CERTIFICATE_FILE"].Should().BeNull();
    }

    [Test]
    public async Task DenyList_StackFile_EditsTheEnvironmentAndKeepsTheConfig()
    {
        var (file, _) = await EmitAsync(b => b.WithClientCa(Write("ca.pem", "CA one")));
        var before = ComposeDocument.Parse(await File.ReadAllTextAsync(file)).Root["configs"];

        var result = await RevocationDenyList.ApplyFileAsync(file, ["0A1B"]);

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        var root = ComposeDocument.Parse(result.Text).Root;
        root["configs"].Should().Be(before);
        ((ComposeScalar)((ComposeMapping)Service(root, "ssl")["environment"]!)["ADDITIONAL_NGINX_CONFIG"]!).Value.Should().Contain("if ($$ssl_client_serial = 0A1B) { return 403; }");
    }

    private static ComposeMapping Service(ComposeMapping root, string name) => (ComposeMapping)((ComposeMapping)root["services"]!)[name]!;

    private static List<string> Diff(string a, string b)
    {
        var left = a.Split('\n');
        var right = b.Split('\n');
        left.Length.Should().Be(right.Length);
        return [.. Enumerable.Range(0, left.Length).Where(i => left[i] != right[i]).SelectMany(i => new[] { left[i], right[i] })];
    }

    private async Task<(string File, string Text)> EmitAsync(Func<KcmStackBuilder, KcmStackBuilder>? configure = null, KcmSwarmOptions? options = null)
    {
        var builder = KcmTestStacks.Base().WithTls(TlsMode.SelfSigned);
        var file = Path.Combine(_folder, "stack.yml");
        await (configure ?? (b => b))(builder).Build().TryWriteFileAsync(file, KcmTarget.Swarm, options, overwrite: true);
        return (file, await File.ReadAllTextAsync(file));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
