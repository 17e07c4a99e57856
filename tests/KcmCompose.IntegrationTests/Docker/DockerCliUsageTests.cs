using System.Net;
using System.Net.Sockets;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>Argument and file errors of <c>apply</c> and <c>restart</c>: exit 2, one line, before Docker is asked anything.</summary>
public class DockerCliUsageTests
{
    private string _directory = null!;

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");

    [SetUp]
    public void CreateFolder()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kcm-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_directory, recursive: true);

    private ProcessResult Cli(params string[] arguments) =>
        ProcessRunner.Run("dotnet", [CliDll, .. arguments], workingDirectory: _directory,
            environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix:///nonexistent/kcm-test.sock" });

    [TestCase("apply")]
    [TestCase("restart")]
    public void Command_NoComposeFileHere_ExitsTwoNamingTheFile(string command)
    {
        var result = Cli(command);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("docker-compose.yml");
        result.StandardError.Trim().Split('\n').Should().ContainSingle();
    }

    /// <summary>A proxy service that passes validation, so these tests reach the daemon.</summary>
    private const string ValidProxy =
        "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n    network_mode: host\n    restart: unless-stopped\n"
        + "    environment:\n      ACCEPT_EULA: \"Y\"\n      SSL_HOSTNAME: kcm.test\n      GUACAMOLE_HOSTNAME: 127.0.0.1\n      SELF_SIGNED: \"Y\"\n";

    [TestCase("apply", "--timeout", "soon")]
    [TestCase("restart", "--timeout", "-5s")]
    public void Command_BadTimeout_ExitsTwo(params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), ValidProxy);

        var result = Cli(arguments);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("--timeout");
    }

    [Test]
    public void Apply_NoProxyServiceInFile_ExitsTwoListingServices()
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), "services:\n  guacd:\n    image: keeper/guacd:2\n    environment:\n      ACCEPT_EULA: \"Y\"\n");

        var result = Cli("apply", "--dry-run");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("compose.yaml:").And.Contain("guacd").And.Contain("--service");
    }

    [Test]
    public void Apply_DaemonSocketMissing_ExitsTwoAfterReadingTheFile()
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), ValidProxy);

        var result = Cli("apply", "--dry-run");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("unix:///nonexistent/kcm-test.sock").And.Contain("no socket");
    }

    [TestCase("unix")]
    [TestCase("tcp")]
    public void Apply_DaemonAcceptsButNeverAnswers_TimesOutWithinTheLimit(string transport)
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), ValidProxy);
        using var daemon = new SilentDaemon(transport, _directory);

        // The runner kills the process and throws past 10 s; before the fix the client's own 100 s applied.
        var result = ProcessRunner.Run("dotnet", [CliDll, "apply", "--timeout", "2s"], workingDirectory: _directory,
            environment: new Dictionary<string, string?> { ["DOCKER_HOST"] = daemon.Uri }, timeout: TimeSpan.FromSeconds(10));

        daemon.Accepted.Should().BePositive("the fault is a daemon that accepts the connection and then says nothing");
        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardError.Should().Contain("Timed out after 2s connecting to the Docker daemon").And.Contain(daemon.Uri).And.Contain("--timeout");
        result.StandardError.Trim().Split('\n').Should().ContainSingle();
    }

    /// <summary>Accepts connections on a unix socket or a loopback port and never answers: a hung daemon dockerd itself cannot be made into.</summary>
    private sealed class SilentDaemon : IDisposable
    {
        private readonly Socket _listener;
        private readonly List<Socket> _accepted = [];
        private readonly CancellationTokenSource _stop = new();

        public SilentDaemon(string transport, string directory)
        {
            if (transport == "unix")
            {
                var path = Path.Combine(directory, "silent.sock");
                _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                _listener.Bind(new UnixDomainSocketEndPoint(path));
                Uri = "unix://" + path;
            }
            else
            {
                _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                Uri = $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";
            }

            _listener.Listen();
            _ = AcceptAsync();
        }

        public string Uri { get; }

        public int Accepted
        {
            get
            {
                lock (_accepted)
                {
                    return _accepted.Count;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Dispose();
            lock (_accepted)
            {
                _accepted.ForEach(s => s.Dispose());
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptAsync(_stop.Token);
                    lock (_accepted)
                    {
                        _accepted.Add(client);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Disposed: the test is over.
            }
        }
    }
}
