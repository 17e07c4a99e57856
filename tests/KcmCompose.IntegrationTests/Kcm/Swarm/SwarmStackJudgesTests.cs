using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;

namespace KcmCompose.IntegrationTests.Kcm.Swarm;

/// <summary>
/// Every variant of the Swarm stack file (MySQL/PostgreSQL, Let's Encrypt/self-signed/own certificate, client
/// authentication on/off, overlay/host network) judged by Compose v2 and v1 (<c>config</c>), dclint and
/// <c>docker stack deploy</c> on a real single-node swarm, which must create the configs, secret and services as written.
/// </summary>
[NonParallelizable]
public class SwarmStackJudgesTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void JoinSwarm()
    {
        SwarmNode.Join();
        TestImages.EnsureBuilt();
        _root = Directory.CreateTempSubdirectory("kcm-swarm-judges-").FullName;
    }

    [OneTimeTearDown]
    public void LeaveSwarm()
    {
        Directory.Delete(_root, recursive: true);
        SwarmNode.Leave();
    }

    private static IEnumerable<TestCaseData> Variants()
    {
        foreach (var database in new[] { DatabaseKind.MySql, DatabaseKind.PostgreSql })
        {
            foreach (var tls in new[] { "letsencrypt", "self-signed", "certificate" })
            {
                foreach (var clientAuth in new[] { true, false })
                {
                    var network = clientAuth && tls == "self-signed" ? KcmSwarmNetwork.Host : KcmSwarmNetwork.Overlay;
                    yield return new TestCaseData(database, tls, clientAuth, network)
                        .SetName($"StackDeploy_{database}_{tls}_{(clientAuth ? "client-auth" : "no-client-auth")}_{network}_IsAccepted");
                }
            }
        }

        yield return new TestCaseData(DatabaseKind.MySql, "certificate", true, KcmSwarmNetwork.Host).SetName("StackDeploy_MySql_certificate_client-auth_Host_IsAccepted");
    }

    [TestCaseSource(nameof(Variants))]
    public async Task StackDeploy_Variant_IsAccepted(DatabaseKind database, string tls, bool clientAuth, KcmSwarmNetwork network)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateDirectory(Path.Combine(_root, id)).FullName;
        var builder = KcmStackBuilder.Create("kcm.example.com").WithDatabase(database).WithPorts(new PortBinding(null, FreePort(), 443));
        builder = tls switch
        {
            "letsencrypt" => builder.WithTls(TlsMode.LetsEncrypt("admin@example.com")),
            "self-signed" => builder.WithTls(TlsMode.SelfSigned),
            _ => builder.WithTls(TlsMode.ExistingCertificate(Write(folder, "server.crt", "certificate " + id), Write(folder, "server.key", "key " + id))),
        };
        if (clientAuth)
        {
            builder = builder.WithClientCa(Write(folder, "client-ca.pem", "ca " + id)).WithAdditionalNginxConfig("if ($ssl_client_verify != SUCCESS) { return 403; }");
        }

        var stack = builder.Build();
        var file = Path.Combine(folder, "stack.yml");
        var options = new KcmSwarmOptions { Network = network, NamePrefix = "kcmtest-" + id };
        (await stack.TryWriteFileAsync(file, KcmTarget.Swarm, options)).Should().BeTrue();
        var text = await File.ReadAllTextAsync(file);
        var environment = ProcessRunner.CleanEnvironment();
        var deployEnvironment = await SwarmNode.DeployEnvironmentAsync(file, stack);

        var v2 = ProcessRunner.Run(SwarmNode.Docker, ["compose", "-f", file, "config", "--format", "json"], folder, environment);
        v2.ExitCode.Should().Be(0, $"Compose v2 must accept the stack file\n{v2}\n{text}");
        v2.StandardError.Should().NotContainAny(["not set", "level=warning"], v2.ToString());
        var v1 = ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", file, "config", "-q"], folder, environment);
        v1.ExitCode.Should().Be(0, $"Compose v1 must accept the stack file\n{v1}\n{text}");
        DclintErrors(file).Where(e => !e.StartsWith("no-unbound-port-interfaces", StringComparison.Ordinal)).Should().BeEmpty("Swarm has no host IP for a published port; dclint's only complaint may be that");

        var name = "kcmtest-" + id;
        try
        {
            var deploy = ProcessRunner.Run(SwarmNode.Docker, ["stack", "deploy", "--resolve-image", "never", "--detach=true", "-c", file, name], folder, deployEnvironment, timeout: TimeSpan.FromMinutes(2));
            deploy.ExitCode.Should().Be(0, $"docker stack deploy must accept the stack file\n{deploy}\n{text}");
            deploy.StandardError.Should().NotContain("Ignoring unsupported options", "every key written is one Swarm uses");

            using var spec = Inspect("service", name + "_ssl");
            var container = spec.RootElement[0].GetProperty("Spec").GetProperty("TaskTemplate").GetProperty("ContainerSpec");
            var configs = container.TryGetProperty("Configs", out var c) ? c.EnumerateArray().ToDictionary(x => x.GetProperty("File").GetProperty("Name").GetString()!, x => x.GetProperty("ConfigName").GetString()!) : [];
            var secrets = container.TryGetProperty("Secrets", out var s) ? s.EnumerateArray().ToDictionary(x => x.GetProperty("File").GetProperty("Name").GetString()!, x => x.GetProperty("SecretName").GetString()!) : [];
            if (clientAuth)
            {
                configs.Should().ContainKey(ClientAuthentication.DefaultCaPath).WhoseValue.Should().Be(SwarmObjectName.For(options.NamePrefix + "-client-ca", System.Text.Encoding.UTF8.GetBytes("ca " + id)));
                using var config = Inspect("config", configs[ClientAuthentication.DefaultCaPath]);
                Convert.FromBase64String(config.RootElement[0].GetProperty("Spec").GetProperty("Data").GetString()!).Should().Equal(System.Text.Encoding.UTF8.GetBytes("ca " + id));
            }

            configs.ContainsKey(ExistingCertificateTls.DefaultCertificatePath).Should().Be(tls == "certificate");
            secrets.ContainsKey(ExistingCertificateTls.DefaultPrivateKeyPath).Should().Be(tls == "certificate");
            var update = spec.RootElement[0].GetProperty("Spec").GetProperty("UpdateConfig");
            update.GetProperty("Order").GetString().Should().Be("start-first");
            update.GetProperty("FailureAction").GetString().Should().Be("rollback");
        }
        finally
        {
            SwarmNode.RemoveStack(name);
        }
    }

    [Test]
    public async Task ClientAuth_EnableRotateDisableOnStackFile_StackDeployRollsTheConfig()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var folder = Directory.CreateDirectory(Path.Combine(_root, "client-auth-" + id)).FullName;
        var file = Path.Combine(folder, "stack.yml");
        var stack = KcmStackBuilder.Create("kcm.example.com").WithTls(TlsMode.SelfSigned).WithPorts(new PortBinding(null, FreePort(), 443)).Build();
        (await stack.TryWriteFileAsync(file, KcmTarget.Swarm)).Should().BeTrue();
        var deployEnvironment = await SwarmNode.DeployEnvironmentAsync(file, stack);
        var ca = Write(folder, "ca.pem", "first CA " + id);
        var name = "kcmtest-auth-" + id;
        try
        {
            (await KcmCompose.Cli.CliApp.RunAsync(["client-auth", "enable", file, "--client-ca", ca])).Should().Be(0);
            Deploy(folder, file, name, deployEnvironment);
            CaConfigOfProxy(name).Should().Be(SwarmObjectName.For("kcm-client-ca", System.Text.Encoding.UTF8.GetBytes("first CA " + id)));

            Write(folder, "ca.pem", "second CA " + id);
            (await KcmCompose.Cli.CliApp.RunAsync(["client-auth", "enable", file, "--client-ca", ca])).Should().Be(0);
            Deploy(folder, file, name, deployEnvironment);
            CaConfigOfProxy(name).Should().Be(SwarmObjectName.For("kcm-client-ca", System.Text.Encoding.UTF8.GetBytes("second CA " + id)), "the new name is a new service spec");

            (await KcmCompose.Cli.CliApp.RunAsync(["client-auth", "disable", file])).Should().Be(0);
            Deploy(folder, file, name, deployEnvironment);
            CaConfigOfProxy(name).Should().BeNull();
        }
        finally
        {
            SwarmNode.RemoveStack(name);
            foreach (var content in new[] { "first CA ", "second CA " })
            {
                ProcessRunner.Run(SwarmNode.Docker, ["config", "rm", SwarmObjectName.For("kcm-client-ca", System.Text.Encoding.UTF8.GetBytes(content + id))]);
            }
        }
    }

    private static void Deploy(string folder, string file, string name, Dictionary<string, string?> environment)
    {
        var deploy = ProcessRunner.Run(SwarmNode.Docker, ["stack", "deploy", "--resolve-image", "never", "--detach=true", "-c", file, name], folder, environment, timeout: TimeSpan.FromMinutes(2));
        deploy.ExitCode.Should().Be(0, $"{deploy}\n{File.ReadAllText(file)}");
    }

    private static string? CaConfigOfProxy(string stack)
    {
        using var spec = Inspect("service", stack + "_ssl");
        var container = spec.RootElement[0].GetProperty("Spec").GetProperty("TaskTemplate").GetProperty("ContainerSpec");
        return container.TryGetProperty("Configs", out var configs)
            ? configs.EnumerateArray().Where(c => c.GetProperty("File").GetProperty("Name").GetString() == ClientAuthentication.DefaultCaPath).Select(c => c.GetProperty("ConfigName").GetString()).SingleOrDefault()
            : null;
    }

    private static IEnumerable<TestCaseData> CommittedStackFiles() =>
        Directory.GetFiles(Path.Combine(RevocationJudges.RepositoryRoot(), "tests", "KcmCompose.Tests", "Kcm", "Snapshots", "Swarm"), "*.verified.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName($"Committed_swarm_{Path.GetFileName(f)}_PassesComposeV2AndV1"));

    [TestCaseSource(nameof(CommittedStackFiles))]
    public void Committed_StackFile_PassesComposeV2AndV1(string source)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "committed-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var file = Path.Combine(folder, "stack.yml");
        File.Copy(source, file);
        var environment = ProcessRunner.CleanEnvironment();

        var v2 = ProcessRunner.Run(SwarmNode.Docker, ["compose", "-f", file, "config", "-q"], folder, environment);
        var v1 = ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", file, "config", "-q"], folder, environment);

        v2.ExitCode.Should().Be(0, v2.ToString());
        v1.ExitCode.Should().Be(0, v1.ToString());
    }

    private static JsonDocument Inspect(string kind, string name)
    {
        var result = ProcessRunner.Run(SwarmNode.Docker, [kind, "inspect", name]);
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput);
    }

    internal static List<string> DclintErrors(string file)
    {
        var lint = ProcessRunner.Run(Requires.Program("dclint"), [file, "-f", "json", "--color", "false"], Path.GetDirectoryName(file), ProcessRunner.CleanEnvironment());
        using var report = JsonDocument.Parse(lint.StandardOutput);
        return report.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("messages").EnumerateArray())
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{m.GetProperty("rule").GetString()}: {m.GetProperty("message").GetString()}")
            .ToList();
    }

    private static string Write(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
