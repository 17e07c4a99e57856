using System.Globalization;
using System.Text.Json;
using KcmCompose.Compose;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// SERVERS on real nginx (the stand-in proxy image, one nginx server per entry): a three-server stack (client
/// certificates from CA A; from CA B; none), reached by name with SNI (curl <c>--resolve</c>), where <c>check-client
/// --server</c> and <c>verify --resolve</c> agree with nginx for a client of A, of B and no certificate; Compose v2, v1
/// and dclint accept the emitted file and each client-auth edit of it.
/// </summary>
[NonParallelizable]
public class ServersEndToEndTests
{
    private static readonly string[] Hosts = ["a.kcm.test", "b.kcm.test", "c.kcm.test"];

    [Test]
    public void ThreeServers_CheckClientAndVerifyPerHostname_AgreeWithNginx()
    {
        using var project = new ComposeTestProject();
        var curl = Requires.Program("curl");
        var root = project.Directory;
        File.WriteAllText(Path.Combine(root, "ca.pass"), "ca-pass-1\n");
        File.WriteAllText(Path.Combine(root, "client.pass"), "client-pass-1\n");
        foreach (var (ca, client) in new[] { ("caA", "alice"), ("caB", "bob") })
        {
            Succeeds(Run(root, "ca", "create", "--dir", ca, "--key", "p256", "--passphrase-file", "ca.pass"));
            Succeeds(Run(root, "client", "issue", client, "--ca-dir", ca, "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
            Succeeds(Openssl(root, "pkcs12", "-in", Path.Combine(ca, "clients", client + ".pfx"), "-passin", "file:client.pass", "-nodes", "-out", client + ".pem"));
        }

        WriteStack(project, servers: false);
        var dclintBaseline = ServersJudges.DclintErrors(project.FilePath);
        WriteStack(project);
        ServersJudges.Accept(project.FilePath, dclintBaseline);
        var validate = Run(root, "validate", project.FilePath);
        validate.ExitCode.Should().Be(0, validate.ToString());
        project.Up();
        WaitUntilServing(curl, project.Port);

        var expected = new Dictionary<(string Host, string? Client), string>
        {
            [("a.kcm.test", "alice")] = "200", [("a.kcm.test", "bob")] = "400", [("a.kcm.test", null)] = "400",
            [("b.kcm.test", "alice")] = "400", [("b.kcm.test", "bob")] = "200", [("b.kcm.test", null)] = "400",
            [("c.kcm.test", "alice")] = "200", [("c.kcm.test", "bob")] = "200", [("c.kcm.test", null)] = "200",
        };
        var seen = new List<string>();
        foreach (var host in Hosts)
        {
            foreach (var (client, ca) in new[] { ("alice", "caA"), ("bob", "caB"), ((string?)null, (string?)null) })
            {
                var nginx = Status(curl, project.Port, host, client, root);
                seen.Add($"{host} {client ?? "none"}: nginx {nginx}");
                nginx.Should().Be(expected[(host, client)], $"the stand-in must serve {host} with its own settings");
                using var verify = JsonDocument.Parse(VerifyJson(project, host, client ?? "alice", client is null ? "caA" : ca!));
                var probe = verify.RootElement.GetProperty(client is null ? "withoutCertificate" : "withCertificate");
                (probe.GetProperty("outcome").GetString() == "admitted").Should().Be(nginx == "200", $"verify agrees with nginx for {host} {client ?? "none"}");
                probe.GetProperty("serverCertificateSubject").GetString().Should().Be("CN=" + host, "verify says which server answered (SNI)");
                if (client is not null)
                {
                    var check = Run(root, "check-client", Path.Combine(ca!, "clients", client + ".crt"), project.FilePath, "--server", host, "--format", "json");
                    using var json = JsonDocument.Parse(check.StandardOutput);
                    json.RootElement.GetProperty("verdict").GetString().Should().Be(nginx == "200" ? "accept" : "reject", $"check-client agrees with nginx for {host} {client}\n{check}");
                }
            }
        }

        seen.Should().HaveCount(9);
    }

    [Test]
    public void ClientAuthServerEdits_EmittedThreeServerStack_JudgesAcceptEveryWriteAndDisableRestoresTheBytes()
    {
        using var project = new ComposeTestProject();
        var root = project.Directory;
        Directory.CreateDirectory(Path.Combine(root, "caA"));
        Directory.CreateDirectory(Path.Combine(root, "caB"));
        File.Copy(project.CaFile, Path.Combine(root, "caA", "ca.crt"));
        File.Copy(project.CaFile, Path.Combine(root, "caB", "ca.crt"));
        File.Copy(project.CaFile, Path.Combine(root, "c.pem"));
        WriteStack(project, servers: false);
        var baseline = ServersJudges.DclintErrors(project.FilePath);
        WriteStack(project);
        var original = File.ReadAllText(project.FilePath);
        ServersJudges.Accept(project.FilePath, baseline);

        Succeeds(Run(root, "client-auth", "enable", "-f", project.FilePath, "--server", "c.kcm.test", "--client-ca", "c.pem", "--verify-depth", "2"));
        ServersJudges.Accept(project.FilePath, baseline);
        File.ReadAllText(project.FilePath).Should().Contain("/certs/client-ca-c.kcm.test.pem");
        Succeeds(Run(root, "client-auth", "disable", "-f", project.FilePath, "--server", "c.kcm.test"));
        ServersJudges.Accept(project.FilePath, baseline);

        File.ReadAllText(project.FilePath).Should().Be(original);
    }

    /// <summary>The emitted three-server stack, adapted for tests as <see cref="ComposeTestProject.WriteEmittedStack"/> adapts it.</summary>
    private static void WriteStack(ComposeTestProject project, bool servers = true)
    {
        var builder = KcmStackBuilder.Create("a.kcm.test")
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa("./caA/ca.crt", "/etc/kcm/ca-a.pem")
            .WithVerifyClient(VerifyClientMode.On)
            .WithExtraEnvironment(KcmServiceRole.Proxy, "KCM_TEST_HTTPS_PORT", EnvironmentValue.Literal(project.Port.ToString(CultureInfo.InvariantCulture)));
        if (servers)
        {
            builder = builder
                .WithServerClientCa("b.kcm.test", "./caB/ca.crt")
                .WithServer(KcmServer.Of("c.kcm.test", [KeyValuePair.Create(KcmVariables.ClientCertificateFile, string.Empty)]));
        }

        var stack = builder.Build();
        var document = stack.ToComposeDocument();
        var services = (ComposeMapping)document.Root["services"]!;
        foreach (var entry in services.Entries)
        {
            services = services.Set(entry.Key.Value, ((ComposeMapping)entry.Value).Remove("ports").Set("network_mode", new ComposeScalar("host")));
        }

        File.WriteAllText(project.FilePath, ComposeEmitter.Emit(document with { Root = document.Root.Set("services", services) }));
        KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(project.FilePath), stack.RequiredVariables).GetAwaiter().GetResult();
    }

    private static string VerifyJson(ComposeTestProject project, string host, string client, string ca)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"https://{host}:{project.Port}/");
        var result = Run(project.Directory, "verify", url, "--resolve", string.Create(CultureInfo.InvariantCulture, $"{host}:{project.Port}:127.0.0.1"), "--insecure",
            "--client-pfx", Path.Combine(ca, "clients", client + ".pfx"), "--pfx-passphrase-file", "client.pass", "--format", "json");
        result.StandardOutput.Should().StartWith("{", result.ToString());
        return result.StandardOutput;
    }

    private static string Status(string curl, int port, string host, string? client, string root)
    {
        var arguments = new List<string> { "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5" };
        arguments.AddRange(["--resolve", string.Create(CultureInfo.InvariantCulture, $"{host}:{port}:127.0.0.1")]);
        if (client is not null)
        {
            arguments.AddRange(["--cert", Path.Combine(root, client + ".pem")]);
        }

        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"https://{host}:{port}/"));
        return ProcessRunner.Run(curl, arguments, timeout: TimeSpan.FromSeconds(20)).StandardOutput.Trim();
    }

    /// <summary>Polls (with a deadline) until the proxy answers the server without client certificates.</summary>
    private static void WaitUntilServing(string curl, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            last = Status(curl, port, "c.kcm.test", null, Path.GetTempPath());
            if (last == "200")
            {
                return;
            }

            Task.Delay(200).GetAwaiter().GetResult();
        }

        Assert.Fail($"c.kcm.test answered {last}, not 200, within 60 s");
    }
}

/// <summary>Compose v2, Compose v1 and dclint as judges of a file with SERVERS.</summary>
internal static class ServersJudges
{
    public static void Accept(string file, IReadOnlyCollection<string> dclintBaseline)
    {
        var folder = Path.GetDirectoryName(file)!;
        var environment = ProcessRunner.CleanEnvironment();
        var text = File.ReadAllText(file);
        var v2 = ProcessRunner.Run(Requires.Program("docker"), ["compose", "-f", file, "config", "--format", "json"], folder, environment);
        v2.ExitCode.Should().Be(0, $"Compose v2 must accept the file\n{v2}\n{text}");
        var v1 = ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", file, "config", "-q"], folder, environment);
        v1.ExitCode.Should().Be(0, $"Compose v1 must accept the file\n{v1}\n{text}");
        DclintErrors(file).Should().BeSubsetOf(dclintBaseline, $"SERVERS must not add dclint errors\n{text}");
        using var config = JsonDocument.Parse(v2.StandardOutput);
        var servers = config.RootElement.GetProperty("services").GetProperty("ssl").GetProperty("environment").GetProperty("SERVERS").GetString()!;
        servers.Should().StartWith("- SSL_HOSTNAME: b.kcm.test\n", "Compose passes the YAML block to the container as written");
    }

    public static List<string> DclintErrors(string file) => RevocationJudges.DclintErrors(file);
}
