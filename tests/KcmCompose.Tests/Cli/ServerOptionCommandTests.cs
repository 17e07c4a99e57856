using KcmCompose.Tests.Certificates;
using KcmCompose.Tests.Kcm;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>The per-server options: <c>emit --server</c>, <c>check-client --server</c> and <c>verify --resolve</c>.</summary>
public class ServerOptionCommandTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("kcm-server-cli-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [Test]
    public async Task Emit_ServerWithCaAndSettings_WritesTheEntryAndItsMount()
    {
        var (exit, output, error) = await CliRunner.RunAsync(
            "emit", "--hostname", "a.kcm.test", "--tls", "self-signed", "--server", "b.kcm.test:ca=/pki/b.pem,ssl_verify_depth=2", "--server", "c.kcm.test");

        exit.Should().Be(0, error);
        output.Should().Contain("      SERVERS: |\n        - SSL_HOSTNAME: b.kcm.test\n          SSL_VERIFY_DEPTH: \"2\"\n          CLIENT_CERTIFICATE_FILE: /certs/client-ca-b.kcm.test.pem\n        - SSL_HOSTNAME: c.kcm.test\n");
        output.Should().Contain("- /pki/b.pem:/certs/client-ca-b.kcm.test.pem:ro");
    }

    [TestCase("b.kcm.test:SSL_VERIFY_DEPT=2", "SSL_VERIFY_DEPT")]
    [TestCase("b.kcm.test:SSL_VERIFY_CLIENT=maybe", "SSL_VERIFY_CLIENT")]
    [TestCase("a.kcm.test", "server-hostname-duplicate")]
    [TestCase("b kcm:SSL_VERIFY_DEPTH=1", "not a host name")]
    public async Task Emit_BadServer_ExitsTwoNamingTheProblem(string server, string named)
    {
        var (exit, _, error) = await CliRunner.RunAsync("emit", "--hostname", "a.kcm.test", "--server", server);

        exit.Should().Be(2);
        error.Should().Contain(named);
    }

    [TestCase("a.kcm.test", "alice", 0)]
    [TestCase("a.kcm.test", "bob", 1)]
    [TestCase("b.kcm.test", "alice", 1)]
    [TestCase("b.kcm.test", "bob", 0)]
    [TestCase("c.kcm.test", "alice", 0)]
    public async Task CheckClient_Server_AnswersForThatServersEffectiveSettings(string host, string client, int expected)
    {
        var caA = TestPki.Root("CN=CA A", Now, TestPki.NewEc());
        var caB = TestPki.Root("CN=CA B", Now, TestPki.NewEc());
        File.WriteAllText(Path.Combine(_folder, "a.pem"), caA.Pem);
        File.WriteAllText(Path.Combine(_folder, "b.pem"), caB.Pem);
        File.WriteAllText(Path.Combine(_folder, "alice.pem"), TestPki.Client("CN=alice", caA, Now).Pem);
        File.WriteAllText(Path.Combine(_folder, "bob.pem"), TestPki.Client("CN=bob", caB, Now).Pem);
        var compose = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(compose, KcmServerTests.ThreeServers(Path.Combine(_folder, "a.pem"), Path.Combine(_folder, "b.pem")).ToYaml());

        var (exit, output, error) = await CliRunner.RunAsync("check-client", Path.Combine(_folder, client + ".pem"), compose, "--server", host);

        exit.Should().Be(expected, output + error);
        if (host == "c.kcm.test")
        {
            output.Should().Contain("SERVERS[1] (c.kcm.test)").And.Contain("sets no CLIENT_CERTIFICATE_FILE");
        }
    }

    [Test]
    public async Task CheckClient_ServerWithItsOwnDenyList_RejectsTheListedSerialThereOnly()
    {
        var caB = TestPki.Root("CN=CA B", Now, TestPki.NewEc());
        var bob = TestPki.Client("CN=bob", caB, Now);
        File.WriteAllText(Path.Combine(_folder, "b.pem"), caB.Pem);
        File.WriteAllText(Path.Combine(_folder, "bob.pem"), bob.Pem);
        var deny = KcmCompose.Kcm.RevocationDenyList.Merge(null, [KcmCompose.Certificates.RevocationList.NginxSerial(bob.Certificate.SerialNumber)]);
        var stack = KcmCompose.Kcm.KcmStackBuilder.Create("a.kcm.test")
            .WithTls(KcmCompose.Kcm.TlsMode.SelfSigned)
            .WithServerClientCa("b.kcm.test", Path.Combine(_folder, "b.pem"))
            .WithServerClientCa("d.kcm.test", Path.Combine(_folder, "b.pem"), "/certs/d.pem")
            .Build();
        var proxy = stack.Proxy with { Servers = [stack.Proxy.Servers[0].With("ADDITIONAL_NGINX_CONFIG", deny), stack.Proxy.Servers[1]] };
        var compose = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(compose, (stack with { Proxy = proxy }).ToYaml());

        var denied = await CliRunner.RunAsync("check-client", Path.Combine(_folder, "bob.pem"), compose, "--server", "b.kcm.test", "--format", "json");
        var other = await CliRunner.RunAsync("check-client", Path.Combine(_folder, "bob.pem"), compose, "--server", "d.kcm.test", "--format", "json");

        denied.Exit.Should().Be(1, denied.Output + denied.Error);
        denied.Output.Should().Contain("\"proxyRefuses\":true");
        other.Exit.Should().Be(0, other.Output + other.Error);
    }

    [Test]
    public async Task CheckClient_UnknownServer_ExitsTwoListingTheServers()
    {
        var compose = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(compose, KcmServerTests.ThreeServers().ToYaml());
        File.WriteAllText(Path.Combine(_folder, "client.pem"), TestPki.Client("CN=x", TestPki.Root("CN=R", Now, TestPki.NewEc()), Now).Pem);

        var (exit, _, error) = await CliRunner.RunAsync("check-client", Path.Combine(_folder, "client.pem"), compose, "--server", "d.kcm.test");

        exit.Should().Be(2);
        error.Should().Contain("a.kcm.test, b.kcm.test, c.kcm.test");
    }

    [Test]
    public async Task Verify_ResolveNotHostPortAddress_ExitsTwo()
    {
        var (exit, _, error) = await CliRunner.RunAsync("verify", "https://b.kcm.test:8443/", "--resolve", "b.kcm.test:x:127.0.0.1", "--client-pfx", "none.pfx");

        exit.Should().Be(2);
        error.Should().Contain("HOST:PORT:ADDRESS");
    }
}
