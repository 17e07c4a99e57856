using System.Text;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmSwarmStackTests
{
    private static readonly SwarmFileNames FixedNames = new("kcm-client-ca-0123456789ab", "kcm-server-cert-0123456789ab", "kcm-server-key-0123456789ab");

    private string _folder = string.Empty;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("kcm-swarm-stack-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<TestCaseData> Stacks() =>
        KcmTestStacks.All().Select(s => new TestCaseData(s.Name, s.Stack).SetName($"ToMapping_{s.Name}_MatchesSwarmGoldenFile"));

    [TestCaseSource(nameof(Stacks))]
    public void ToMapping_Stack_MatchesSwarmGoldenFile(string name, KcmStack stack)
    {
        var yaml = ComposeEmitter.Emit(new ComposeDocument(KcmSwarmMapper.ToMapping(stack, KcmSwarmOptions.Default, FixedNames), "stack.yml"));

        Golden.Verify(Path.Combine("Swarm", name), yaml);
    }

    [Test]
    public void SwarmObjectName_For_IsPrefixAndFirstTwelveHexOfSha256()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        SwarmObjectName.For("kcm-client-ca", "abc"u8).Should().Be("kcm-client-ca-ba7816bf8f01");
        SwarmObjectName.HasContentHash("kcm-client-ca-ba7816bf8f01").Should().BeTrue();
        SwarmObjectName.HasContentHash("kcm-client-ca").Should().BeFalse();
    }

    [TestCase("")]
    [TestCase("-kcm")]
    [TestCase("kcm/ca")]
    [TestCase("a-prefix-that-is-far-too-long-for-a-swarm-name-of-64-chars")]
    public void SwarmObjectName_For_InvalidPrefix_Throws(string prefix)
    {
        var act = () => SwarmObjectName.For(prefix, "x"u8);

        act.Should().Throw<ArgumentException>().WithMessage("*Swarm name prefix*");
    }

    [Test]
    public async Task ToSwarmDocumentAsync_ClientCa_IsAHashedConfigAtTheVariablesPath()
    {
        var ca = Write("ca.pem", "first CA");
        var stack = KcmTestStacks.Base().WithTls(TlsMode.SelfSigned).WithClientCa(ca, "/certs/ca.pem").Build();

        var root = (await stack.ToSwarmDocumentAsync()).Root;

        var proxy = Service(root, "ssl");
        proxy["volumes"].Should().BeNull("the CA travels as a config, not a bind mount");
        proxy["restart"].Should().BeNull();
        proxy["depends_on"].Should().BeNull();
        ((ComposeMapping)proxy["environment"]!)["CLIENT_CERTIFICATE_FILE"].Should().Be(new ComposeScalar("/certs/ca.pem"));
        var reference = (ComposeMapping)((ComposeSequence)proxy["configs"]!).Items.Single();
        reference["source"].Should().Be(new ComposeScalar("client-ca"));
        reference["target"].Should().Be(new ComposeScalar("/certs/ca.pem"));
        var config = (ComposeMapping)((ComposeMapping)root["configs"]!)["client-ca"]!;
        config["file"].Should().Be(new ComposeScalar(ca));
        config["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("kcm-client-ca", "first CA"u8)));
    }

    [Test]
    public async Task ToSwarmDocumentAsync_CaContentChanges_ConfigNameChanges()
    {
        var ca = Write("ca.pem", "first CA");
        var stack = KcmTestStacks.Base().WithClientCa(ca).Build();
        var before = ConfigName(await stack.ToSwarmDocumentAsync());

        Write("ca.pem", "second CA");
        var after = ConfigName(await stack.ToSwarmDocumentAsync());

        after.Should().NotBe(before).And.Be(SwarmObjectName.For("kcm-client-ca", "second CA"u8));
    }

    [Test]
    public async Task ToSwarmDocumentAsync_ExistingCertificate_CertificateConfigAndKeySecret()
    {
        var stack = KcmTestStacks.Base().WithTls(TlsMode.ExistingCertificate(Write("server.crt", "cert"), Write("server.key", "key"))).Build();

        var root = (await stack.ToSwarmDocumentAsync(new KcmSwarmOptions { NamePrefix = "edge" })).Root;

        var proxy = Service(root, "ssl");
        ((ComposeMapping)((ComposeSequence)proxy["secrets"]!).Items.Single())["target"].Should().Be(new ComposeScalar(ExistingCertificateTls.DefaultPrivateKeyPath));
        ((ComposeMapping)((ComposeSequence)proxy["configs"]!).Items.Single())["target"].Should().Be(new ComposeScalar(ExistingCertificateTls.DefaultCertificatePath));
        ((ComposeMapping)((ComposeMapping)root["secrets"]!)["server-key"]!)["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("edge-server-key", "key"u8)));
        ((ComposeMapping)((ComposeMapping)root["configs"]!)["server-cert"]!)["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("edge-server-cert", "cert"u8)));
    }

    [Test]
    public async Task ToSwarmDocumentAsync_Proxy_RollsStartFirstAndRollsBack()
    {
        var stack = KcmTestStacks.Base().WithRestart(RestartPolicy.OnFailure).Build();

        var deploy = (ComposeMapping)Service((await stack.ToSwarmDocumentAsync(new KcmSwarmOptions { ProxyReplicas = 3 })).Root, "ssl")["deploy"]!;

        deploy["replicas"].Should().Be(new ComposeScalar("3", ScalarType.Integer));
        var update = (ComposeMapping)deploy["update_config"]!;
        update["order"].Should().Be(new ComposeScalar("start-first"));
        update["failure_action"].Should().Be(new ComposeScalar("rollback"));
        ((ComposeMapping)deploy["rollback_config"]!)["order"].Should().Be(new ComposeScalar("start-first"));
        ((ComposeMapping)deploy["restart_policy"]!)["condition"].Should().Be(new ComposeScalar("on-failure"));
    }

    [Test]
    public async Task ToSwarmDocumentAsync_HostNetwork_NoPortsAndExternalHostNetwork()
    {
        var root = (await KcmTestStacks.Base().Build().ToSwarmDocumentAsync(new KcmSwarmOptions { Network = KcmSwarmNetwork.Host })).Root;

        Service(root, "ssl")["ports"].Should().BeNull();
        var network = (ComposeMapping)((ComposeMapping)root["networks"]!)["hostnet"]!;
        network["external"].Should().Be(new ComposeScalar("true", ScalarType.Boolean));
        network["name"].Should().Be(new ComposeScalar("host"));
        foreach (var name in new[] { "db", "guacamole", "guacd", "ssl" })
        {
            Service(root, name)["networks"].Should().Be(new ComposeSequence([new ComposeScalar("hostnet")]));
        }
    }

    [Test]
    public async Task ToSwarmDocumentAsync_Guacd_ShmSizeBecomesTmpfs()
    {
        var guacd = Service((await KcmTestStacks.Base().Build().ToSwarmDocumentAsync()).Root, "guacd");

        guacd["shm_size"].Should().BeNull("Swarm ignores shm_size");
        var tmpfs = ((ComposeSequence)guacd["volumes"]!).Items.OfType<ComposeMapping>().Single();
        tmpfs["target"].Should().Be(new ComposeScalar("/dev/shm"));
        ((ComposeMapping)tmpfs["tmpfs"]!)["size"].Should().Be(new ComposeScalar("1025536000", ScalarType.Integer));
    }

    [Test]
    public async Task ToSwarmDocumentAsync_MissingCaFile_FailsNamingTheFile()
    {
        var missing = Path.Combine(_folder, "absent.pem");
        var stack = KcmTestStacks.Base().WithClientCa(missing).Build();

        var act = () => stack.ToSwarmDocumentAsync();

        (await act.Should().ThrowAsync<FileNotFoundException>()).WithMessage($"'{missing}' does not exist; a Swarm config*");
    }

    [Test]
    public async Task ToSwarmDocumentAsync_ZeroReplicas_Throws()
    {
        var act = () => KcmTestStacks.Base().Build().ToSwarmDocumentAsync(new KcmSwarmOptions { ProxyReplicas = 0 });

        await act.Should().ThrowAsync<KcmStackException>().WithMessage("*at least one replica*");
    }

    [Test]
    public async Task ToYamlAsync_Compose_IsToYaml()
    {
        var stack = KcmTestStacks.Base().Build();

        (await stack.ToYamlAsync(KcmTarget.Compose)).Should().Be(stack.ToYaml());
    }

    [TestCase("1001500k", 1025536000L)]
    [TestCase("512", 512L)]
    [TestCase("2gb", 2147483648L)]
    [TestCase("1M", 1048576L)]
    [TestCase("lots", null)]
    public void ShmBytes_Text_IsBytes(string text, long? bytes) => KcmSwarmMapper.ShmBytes(text).Should().Be(bytes);

    private static ComposeMapping Service(ComposeMapping root, string name) => (ComposeMapping)((ComposeMapping)root["services"]!)[name]!;

    private static string ConfigName(ComposeDocument document) =>
        ((ComposeScalar)((ComposeMapping)((ComposeMapping)document.Root["configs"]!)["client-ca"]!)["name"]!).Value;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }
}
