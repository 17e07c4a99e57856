using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Kcm.Swarm;

/// <summary>
/// The single-host revocation test (<see cref="RevocationEndToEndTests"/>) on a real single-node swarm: a stack file
/// from the library (CA as a content-hashed config, host network, loopback only), <c>client revoke --compose</c> writes
/// the deny list into it, <c>docker stack deploy</c> rolls it out, and the running proxy then refuses the revoked
/// client only; <c>check-client</c> and <c>validate</c> agree.
/// </summary>
[NonParallelizable]
public class SwarmRevocationEndToEndTests
{
    private const string UserText = "add_header X-Mine \"kept byte for byte\";  # user's own line";

    private string _root = string.Empty;
    private Dictionary<string, string?> _deployEnvironment = ProcessRunner.CleanEnvironment();

    [OneTimeSetUp]
    public void JoinSwarm()
    {
        SwarmNode.Join();
        TestImages.EnsureBuilt();
    }

    [OneTimeTearDown]
    public void LeaveSwarm() => SwarmNode.Leave();

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("kcm-swarm-revocation-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task ClientRevoke_StackDeploy_RunningProxyRefusesRevokedClientsOnly()
    {
        var curl = new CurlProbe(_root);
        File.WriteAllText(Path.Combine(_root, "ca.pass"), "ca-pass-1\n");
        File.WriteAllText(Path.Combine(_root, "client.pass"), "client-pass-1\n");
        Succeeds(Run(_root, "ca", "create", "--dir", "ca", "--key", "p256", "--passphrase-file", "ca.pass"));
        foreach (var person in new[] { "alice", "bob", "carol" })
        {
            Succeeds(Run(_root, "client", "issue", person, "--ca-dir", "ca", "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
        }

        var port = FreePort();
        var stack = KcmStackBuilder.Create("kcm.example.com")
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa(Path.Combine(_root, "ca", "ca.crt"))
            .WithVerifyClient(VerifyClientMode.On)
            .WithAdditionalNginxConfig(UserText)
            .WithExtraEnvironment(KcmServiceRole.Proxy, "KCM_TEST_HTTPS_PORT", EnvironmentValue.Literal(port.ToString(CultureInfo.InvariantCulture)))
            .Build();
        var file = Path.Combine(_root, "stack.yml");
        var name = "kcmtest-revoke-" + Guid.NewGuid().ToString("N")[..8];
        (await stack.TryWriteFileAsync(file, KcmTarget.Swarm, new KcmSwarmOptions { Network = KcmSwarmNetwork.Host, NamePrefix = name })).Should().BeTrue();
        _deployEnvironment = await SwarmNode.DeployEnvironmentAsync(file, stack);

        // One node, host network: a start-first update would start the second nginx while the first holds the loopback
        // port (the stand-in has no reuseport). Rolling out with stop-first here; rotation without a gap is the apply path's test.
        File.WriteAllText(file, File.ReadAllText(file).Replace("        order: start-first\n        failure_action: rollback", "        order: stop-first\n        failure_action: rollback", StringComparison.Ordinal));
        try
        {
            Deploy(file, name);
            curl.WaitForStatus(port, "alice", "200", TimeSpan.FromSeconds(90));
            curl.Status(port, "bob").Should().Be("200", "bob is admitted before the revocation");

            var revoke = Run(_root, "client", "revoke", "bob", "--ca-dir", "ca", "--compose", file, "--ca-passphrase-file", "ca.pass");
            revoke.ExitCode.Should().Be(0, revoke.ToString());
            Deploy(file, name);

            curl.WaitForStatus(port, "bob", "403", TimeSpan.FromSeconds(90));
            curl.Status(port, "alice").Should().Be("200", "another client still gets in");
            curl.Status(port, null).Should().NotBe("200", "a request without a certificate is still refused");

            Succeeds(Run(_root, "client", "revoke", "carol", "--ca-dir", "ca", "--compose", file, "--ca-passphrase-file", "ca.pass"));
            Deploy(file, name);

            curl.WaitForStatus(port, "carol", "403", TimeSpan.FromSeconds(90));
            curl.Status(port, "bob").Should().Be("403", "revoking a second client keeps the first revoked");
            curl.Status(port, "alice").Should().Be("200");
            File.ReadAllText(file).Should().Contain(UserText);
            foreach (var (client, refused) in new[] { ("alice", false), ("bob", true), ("carol", true) })
            {
                var check = Run(_root, "check-client", Path.Combine("ca", "clients", client + ".crt"), file, "--ca-dir", "ca", "--format", "json");
                using var json = JsonDocument.Parse(check.StandardOutput);
                json.RootElement.GetProperty("verdict").GetString().Should().Be(refused ? "reject" : "accept", check.ToString());
                json.RootElement.GetProperty("proxyRefuses").GetBoolean().Should().Be(refused);
            }

            var validate = Run(_root, "validate", file, "--ca-dir", "ca", "--format", "json");
            validate.StandardOutput.Should().NotContain("revocation-not-enforced").And.NotContain("deny-list-stale").And.NotContain("ca-file-not-mounted");
        }
        finally
        {
            SwarmNode.RemoveStack(name);
        }
    }

    private void Deploy(string file, string name)
    {
        var deploy = ProcessRunner.Run(SwarmNode.Docker, ["stack", "deploy", "--resolve-image", "never", "--detach=true", "-c", file, name], _root, _deployEnvironment, timeout: TimeSpan.FromMinutes(2));
        deploy.ExitCode.Should().Be(0, deploy.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
