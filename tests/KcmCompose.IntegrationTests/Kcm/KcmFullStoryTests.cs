using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KcmCompose.Cli;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// The guide end to end on a real dockerd with Compose v2 and the stand-in images: <c>init</c>, <c>docker compose up</c>,
/// <c>verify</c>, a new CA with <c>client-auth enable</c> and <c>apply</c>, <c>verify</c> again; and the data volumes
/// surviving <c>down</c> and <c>up</c>. The only test-specific file is an override putting every service on host
/// networking with the proxy on a free loopback port (no bridge networking here).
/// </summary>
[NonParallelizable]
public sealed class KcmFullStoryTests
{
    private string _root = null!;
    private string _project = null!;
    private string _docker = null!;

    private string Folder => Path.Combine(_root, "kcm");

    [SetUp]
    public void Start()
    {
        Requires.DockerDaemon();
        _docker = Requires.Program("docker");
        var v2 = ProcessRunner.Run(_docker, ["compose", "version"]);
        if (v2.ExitCode != 0)
        {
            Requires.Missing($"Compose v2 (docker compose) is not installed: {v2}");
        }

        TestImages.EnsureBuilt();
        _root = Directory.CreateTempSubdirectory("kcm-story-").FullName;
        _project = "kcmstory" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public void Stop()
    {
        if (_project is not null && Directory.Exists(Folder))
        {
            Compose("down", "-v", "--remove-orphans", "-t", "1");
        }

        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Init_UpVerify_RotateCaWithClientAuthAndApply_VerifyRefusesAliceAndAdmitsBob()
    {
        // 1. The guide in one command.
        var init = await Cli("init", Folder, "--hostname", "kcm.test", "--clients", "alice", "--ca-key", "p256", "--client-key", "p256");
        init.Exit.Should().Be(0, init.Error);
        var port = WriteHostNetworkOverride();

        // 2. docker compose up -d of the generated stack.
        var up = Compose("up", "-d");
        up.ExitCode.Should().Be(0, up.ToString());
        var url = $"https://127.0.0.1:{port}/";
        await WaitForTlsAsync(port);

        // 3. verify: refused without a certificate, admitted with alice's .pfx.
        var first = await Cli("verify", url, "--client-pfx", At("ca/clients/alice.pfx"), "--pfx-passphrase-file", At("secrets/alice.pass"), "--insecure");
        first.Exit.Should().Be(0, first.Output + first.Error);
        first.Output.Should().Contain("Without a certificate: rejected").And.Contain("With the certificate: admitted");

        // 4. A new CA, bob from it, and the compose file switched to it in place.
        (await Cli("ca", "create", "--dir", At("ca2"), "--key", "p256", "--passphrase-file", At("secrets/ca.pass"))).Exit.Should().Be(0);
        (await Cli("client", "issue", "bob", "--ca-dir", At("ca2"), "--key", "p256", "--ca-passphrase-file", At("secrets/ca.pass"), "--pfx-passphrase-file", At("secrets/alice.pass"))).Exit.Should().Be(0);
        var enable = await Cli("client-auth", "enable", At("docker-compose.yml"), "--client-ca", At("ca2/ca.crt"));
        enable.Exit.Should().Be(0, enable.Error);

        // 5. apply (validates first, then recreates the proxy through the Engine API).
        var apply = await Cli("apply", "-f", At("docker-compose.yml"), "-f", At("docker-compose.override.yml"), "-p", _project, "--timeout", "60s");
        apply.Exit.Should().Be(0, apply.Output + apply.Error);
        apply.Output.Should().Contain("recreate");
        await WaitForTlsAsync(port);

        // 6. verify: alice (old CA) refused, bob (new CA) admitted.
        var bob = await Cli("verify", url, "--client-pfx", At("ca2/clients/bob.pfx"), "--pfx-passphrase-file", At("secrets/alice.pass"), "--insecure");
        bob.Exit.Should().Be(0, bob.Output + bob.Error);
        bob.Output.Should().Contain("With the certificate: admitted");
        var alice = await Cli("verify", url, "--client-pfx", At("ca/clients/alice.pfx"), "--pfx-passphrase-file", At("secrets/alice.pass"), "--insecure");
        alice.Exit.Should().Be(1, "alice's certificate is from the CA that was rotated out");
        alice.Output.Should().Contain("With the certificate: rejected");
    }

    [Test]
    public async Task Init_RowInDatabaseVolume_SurvivesDownAndUp()
    {
        (await Cli("init", Folder, "--hostname", "kcm.test", "--database", "postgres", "--ca-key", "p256", "--client-key", "p256")).Exit.Should().Be(0);
        WriteHostNetworkOverride();
        Compose("up", "-d").ExitCode.Should().Be(0);

        // The database stand-in keeps files where the real image keeps its data; guacd writes a recording that Guacamole reads.
        Exec("db", "echo 'row 1: guacadmin' >> /var/lib/postgresql/data/kcm-test-table").ExitCode.Should().Be(0);
        Exec("guacd", "echo recording > /var/lib/guacamole/kcm-test-recording").ExitCode.Should().Be(0);
        Exec("guacamole", "cat /var/lib/guacamole/kcm-test-recording").StandardOutput.Should().Be("recording\n", "the folder is shared");

        var down = Compose("down", "-t", "1");
        down.ExitCode.Should().Be(0, down.ToString());
        Compose("ps", "-aq").StandardOutput.Trim().Should().BeEmpty("down removed the containers");
        Compose("up", "-d").ExitCode.Should().Be(0);

        Exec("db", "cat /var/lib/postgresql/data/kcm-test-table").StandardOutput.Should().Be("row 1: guacadmin\n");
        Exec("guacamole", "cat /var/lib/guacamole/kcm-test-recording").StandardOutput.Should().Be("recording\n");
    }

    private string At(string relative) => Path.Combine(Folder, relative);

    /// <summary>Every service on host networking, the proxy on a free loopback port; returns the port.</summary>
    private int WriteHostNetworkOverride()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        File.WriteAllText(At("docker-compose.override.yml"), string.Create(CultureInfo.InvariantCulture, $"""
            # Test only: no bridge networking on this machine, so every service uses the host's, the proxy on loopback.
            services:
              ssl:
                network_mode: host
                environment:
                  KCM_TEST_HTTPS_PORT: "{port}"
              guacd:
                network_mode: host
              guacamole:
                network_mode: host
              db:
                network_mode: host

            """));
        return port;
    }

    private ProcessResult Compose(params string[] arguments) =>
        ProcessRunner.Run(_docker, ["compose", "-p", _project, .. arguments], Folder, ProcessRunner.CleanEnvironment(), timeout: TimeSpan.FromMinutes(2));

    private ProcessResult Exec(string service, string script) => Compose("exec", "-T", service, "sh", "-c", script);

    private static async Task WaitForTlsAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
