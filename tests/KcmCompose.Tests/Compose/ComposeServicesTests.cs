using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeServicesTests
{
    private static readonly string _fixturePath = Path.Combine(TestContext.CurrentContext.TestDirectory, "Compose", "Fixtures", "everything.yml");

    private static ComposeDocument _everything = null!;
    private static ServiceReadResult _result = null!;

    [OneTimeSetUp]
    public static async Task LoadFixture()
    {
        _everything = await ComposeDocument.LoadAsync(_fixturePath);
        _result = ComposeServices.Read(_everything);
    }

    private static ComposeService Service(string name) => _result.Find(name)!;

    [Test]
    public void Read_Fixture_HasNoProblemsAndEveryService()
    {
        _result.Problems.Should().BeEmpty();
        _result.Services.Select(s => s.Name).Should().Equal("ssl", "guacamole", "guacd", "db");
    }

    [Test]
    public void Load_Fixture_KeepsUnknownAndExtensionKeysVerbatim()
    {
        _everything.Root["x-custom-unknown"].Should().Be(ComposeDocument.Parse("anything: [1, two, {three: 3}]").Root);
        Service("ssl").Node["unknown_key"].Should().Be(new ComposeScalar("kept verbatim"));
        _everything.Root["name"].Should().Be(new ComposeScalar("everything"));
    }

    [Test]
    public void Load_Fixture_AppliesMergesWithExplicitKeysWinning()
    {
        var ssl = Service("ssl");
        ssl.Restart.Should().Be("always");
        ssl.Node.Entries.Select(e => e.Key.Value).Should().StartWith(["labels", "logging", "image", "container_name", "restart"]);
        Service("guacamole").Restart.Should().Be("unless-stopped");
    }

    [Test]
    public void Load_Fixture_LocationsPointAtTheSource()
    {
        var ssl = Service("ssl");
        ssl.Location.Should().Be(new SourceLocation(_fixturePath, 13, 3));
        ssl.FindEnvironment("SSL_VERIFY_DEPTH")!.Location.Should().Be(new SourceLocation(_fixturePath, 21, 7));
        ssl.Ports[2].Location.Should().Be(new SourceLocation(_fixturePath, 28, 9));
        ssl.Volumes[5].Location.Should().Be(new SourceLocation(_fixturePath, 44, 9));
        ((ComposeMapping)ssl.Node["labels"]!).Location!.Value.Line.Should().Be(6, "a merged entry keeps the location where it was written");
    }

    [Test]
    public void Read_EnvironmentMap_ConvertsScalarsToText()
    {
        var environment = Service("ssl").Environment;

        environment.Select(v => (v.Name, v.Value)).Should().Equal(
            ("ACCEPT_EULA", "Y"),
            ("SSL_VERIFY_DEPTH", "2"),
            ("SELF_SIGNED", "true"),
            ("PASSTHROUGH", null),
            ("CLIENT_CERTIFICATE_FILE", "/etc/kcm/ca.pem"));
        environment[1].Path.Should().Be("services.ssl.environment.SSL_VERIFY_DEPTH");
    }

    [Test]
    public void Read_EnvironmentList_SplitsAtFirstEquals()
    {
        var environment = Service("guacamole").Environment;

        environment.Select(v => (v.Name, v.Value)).Should().Equal(("GUACD_HOSTNAME", "guacd"), ("EMPTY", ""), ("PASSTHROUGH", null));
        environment[2].Path.Should().Be("services.guacamole.environment[2]");
    }

    [Test]
    public void Read_Ports_NormalisesShortAndLongSyntax()
    {
        Service("ssl").Ports.Select(p => (p.HostIp, p.Published, p.Target, p.Protocol)).Should().Equal(
            (null, null, "80", "tcp"),
            (null, "8080", "80", "tcp"),
            ("127.0.0.1", "8443", "443", "udp"),
            (null, "9000-9001", "9000-9001", "tcp"),
            ("::1", "8444", "443", "tcp"),
            (null, "8445", "443", "tcp"),
            (null, "${HTTPS_PORT:-443}", "443", "tcp"),
            ("127.0.0.1", "8446", "443", "tcp"));
        Service("ssl").Ports[^1].Mode.Should().Be("host");
        Service("ssl").Ports[3].Path.Should().Be("services.ssl.ports[3]");
    }

    [Test]
    public void Read_Volumes_NormalisesShortAndLongSyntax()
    {
        Service("ssl").Volumes.Select(v => (v.Type, v.Source, v.Target, v.ReadOnly)).Should().Equal(
            (VolumeMountType.Bind, "./certs/ca.pem", "/etc/kcm/ca.pem", true),
            (VolumeMountType.Volume, "data", "/var/lib/data", false),
            (VolumeMountType.Volume, null, "/anonymous", false),
            (VolumeMountType.Bind, "~/x", "/y", false),
            (VolumeMountType.Bind, "${CA_DIR:-./ca}", "/etc/ca", true),
            (VolumeMountType.Bind, "./nginx.conf", "/etc/nginx/conf.d/extra.conf", true),
            (VolumeMountType.Tmpfs, null, "/tmp", false));
        var first = Service("ssl").Volumes[0];
        first.Options.Should().Equal("ro", "z");
        first.BindSelinux.Should().Be("z");
        var bind = Service("ssl").Volumes[5];
        (bind.BindPropagation, bind.BindSelinux, bind.BindCreateHostPath).Should().Be(("rprivate", "Z", false));
    }

    [Test]
    public void Read_EnvFiles_AllThreeForms()
    {
        Service("ssl").EnvFiles.Select(e => (e.File, e.Required)).Should().Equal(("./common.env", true), ("./optional.env", false));
        Service("guacamole").EnvFiles.Select(e => (e.File, e.Required)).Should().Equal(("./guac.env", true));
    }

    [Test]
    public void Read_DependsOn_ListAndMap()
    {
        var ssl = Service("ssl").DependsOn.Should().ContainSingle().Which;
        (ssl.Service, ssl.Condition, ssl.Restart, ssl.Required).Should().Be(("guacamole", DependencyCondition.ServiceHealthy, true, true));
        Service("guacamole").DependsOn.Select(d => (d.Service, d.Condition)).Should().Equal(
            ("guacd", DependencyCondition.ServiceStarted), ("db", DependencyCondition.ServiceStarted));
    }

    [Test]
    public void Read_NetworksSecretsConfigs_ShortAndLong()
    {
        Service("ssl").Networks.Should().Equal("front", "back");
        Service("guacamole").Networks.Should().Equal("back", "front");
        Service("ssl").Secrets.Select(s => (s.Source, s.Target, s.Mode)).Should().Equal(
            ("ca_bundle", null, null), ("server_key", "/run/secrets/key.pem", "0400"));
        Service("ssl").Secrets[1].Uid.Should().Be("101");
        Service("ssl").Configs.Select(c => c.Source).Should().Equal("nginx_conf");
    }

    private static ComposeProblem SingleProblem(string serviceBody)
    {
        var document = ComposeDocument.Parse("services:\n  s:\n" + serviceBody, "bad.yml");
        return ComposeServices.Read(document).Problems.Should().ContainSingle().Which;
    }

    [TestCase("\"80:80:80:80x\"")]
    [TestCase("\"99999:80\"")]
    [TestCase("\"8080:0\"")]
    [TestCase("\"8080:80/icmp\"")]
    [TestCase("\"300.1.1.1:80:80\"")]
    [TestCase("\"[::1:80:80\"")]
    [TestCase("\"9000-9002:80-81\"")]
    [TestCase("\"a:80\"")]
    [TestCase("\"\"")]
    [TestCase("{published: 80}")]
    public void Read_BadPort_ReportsInvalidPortAtTheEntry(string port)
    {
        var problem = SingleProblem($"    ports:\n      - {port}\n");

        problem.Code.Should().Be(ComposeProblemCodes.InvalidPort);
        problem.Location.Should().Be(new SourceLocation("bad.yml", 4, 9));
        problem.Path.Should().Be("services.s.ports[0]");
        problem.Fix.Should().NotBeEmpty();
    }

    [TestCase("relative:path:ro:extra")]
    [TestCase("./a:relative")]
    [TestCase("./a:/b:bogus")]
    [TestCase("./a::/b")]
    [TestCase("{type: bind, target: /b}")]
    [TestCase("{type: weird, target: /b}")]
    [TestCase("{source: x, target: /b}")]
    public void Read_BadVolume_ReportsInvalidVolume(string volume)
    {
        var problem = SingleProblem($"    volumes:\n      - {volume}\n");

        problem.Code.Should().Be(ComposeProblemCodes.InvalidVolume);
        problem.Location!.Value.Line.Should().Be(4);
        problem.Path.Should().StartWith("services.s.volumes[0]");
    }

    [TestCase("    environment: A=1\n", "services.s.environment")]
    [TestCase("    ports: 80\n", "services.s.ports")]
    [TestCase("    volumes: {a: b}\n", "services.s.volumes")]
    [TestCase("    depends_on: db\n", "services.s.depends_on")]
    [TestCase("    networks: front\n", "services.s.networks")]
    [TestCase("    image: [a]\n", "services.s.image")]
    [TestCase("    environment:\n      A: [1]\n", "services.s.environment.A")]
    [TestCase("    volumes:\n      - {type: bind, source: ., target: /x, read_only: maybe}\n", "services.s.volumes[0].read_only")]
    public void Read_WrongShape_ReportsInvalidType(string body, string path)
    {
        var problem = SingleProblem(body);

        problem.Code.Should().Be(ComposeProblemCodes.InvalidType);
        problem.Path.Should().Be(path);
        problem.Location.Should().NotBeNull();
    }

    [Test]
    public void Read_UnknownCondition_ReportsInvalidValue()
    {
        var problem = SingleProblem("    depends_on:\n      db:\n        condition: service_ready\n");

        problem.Code.Should().Be(ComposeProblemCodes.InvalidValue);
        problem.Value.Should().Be("service_ready");
        problem.Location.Should().Be(new SourceLocation("bad.yml", 5, 20));
    }

    [Test]
    public void Read_ServicesNotAMapping_ReportsAndReturnsNoServices()
    {
        var read = ComposeServices.Read(ComposeDocument.Parse("services: [a]\n"));

        read.Services.Should().BeEmpty();
        read.Problems.Should().ContainSingle().Which.Code.Should().Be(ComposeProblemCodes.InvalidType);
    }

    [Test]
    public void Read_ReportsAllProblemsInOnePass()
    {
        var document = ComposeDocument.Parse("services:\n  a:\n    ports: [\"x\"]\n  b:\n    volumes: [\"./a:rel\"]\n    environment: 3\n");

        ComposeServices.Read(document).Problems.Select(p => p.Code).Should().Equal(
            ComposeProblemCodes.InvalidPort, ComposeProblemCodes.InvalidType, ComposeProblemCodes.InvalidVolume);
    }
}
