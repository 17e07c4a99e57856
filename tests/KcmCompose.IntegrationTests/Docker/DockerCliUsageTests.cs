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

    [TestCase("apply", "--timeout", "soon")]
    [TestCase("restart", "--timeout", "-5s")]
    public void Command_BadTimeout_ExitsTwo(params string[] arguments)
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n");

        var result = Cli(arguments);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("--timeout");
    }

    [Test]
    public void Apply_NoProxyServiceInFile_ExitsTwoListingServices()
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), "services:\n  guacd:\n    image: keeper/guacd:2\n");

        var result = Cli("apply", "--dry-run");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("compose.yaml:").And.Contain("guacd").And.Contain("--service");
    }

    [Test]
    public void Apply_DaemonSocketMissing_ExitsTwoAfterReadingTheFile()
    {
        File.WriteAllText(Path.Combine(_directory, "compose.yaml"), "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n");

        var result = Cli("apply", "--dry-run");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("unix:///nonexistent/kcm-test.sock").And.Contain("no socket");
    }
}
