using System.Text.Json;
using KcmCompose.Cli;

namespace KcmCompose.Tests.Validation;

[NonParallelizable]
public class ValidateCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kcm-validate-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Test]
    public async Task Validate_CleanFile_ExitsZero()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");

        var (exit, output, _) = await CliRunner.RunAsync("validate", path);

        exit.Should().Be(ExitCodes.Success);
        output.Should().Contain("0 errors, 0 warnings, 0 infos");
    }

    [Test]
    public async Task Validate_FileWithError_ExitsOneAndPrintsFileLineColumn()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    restart: sometimes\n");

        var (exit, output, _) = await CliRunner.RunAsync("validate", path);

        exit.Should().Be(ExitCodes.Failed);
        output.Should().Contain($"{path}:4:14: error invalid-restart: ");
        output.Should().NotContain("\u001b[", "colour is only for terminals");
    }

    [TestCase("error", ExitCodes.Success)]
    [TestCase("warning", ExitCodes.Failed)]
    public async Task Validate_WarningOnly_ExitCodeFollowsFailOn(string failOn, int expected)
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    restart: no\n");

        var (exit, _, _) = await CliRunner.RunAsync("validate", path, "--fail-on", failOn);

        exit.Should().Be(expected);
    }

    [Test]
    public async Task Validate_MissingFile_ExitsTwoWithOneLine()
    {
        var (exit, output, error) = await CliRunner.RunAsync("validate", Path.Combine(_folder, "nope.yml"));

        exit.Should().Be(ExitCodes.Usage);
        output.Should().BeEmpty();
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().Contain("nope.yml");
    }

    [Test]
    public async Task Validate_MissingEnvFile_ExitsTwo()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");

        var (exit, _, error) = await CliRunner.RunAsync("validate", path, "--env-file", Path.Combine(_folder, "missing.env"));

        exit.Should().Be(ExitCodes.Usage);
        error.Should().Contain("missing.env");
    }

    [Test]
    public async Task Validate_EnvFileWithABadLine_ReportsEnvFileInvalidAtItsLineAndStillChecksTheFile()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    restart: sometimes\n");
        var env = Write(".env", "GOOD=1\nBAD NAME=2\n");

        var (exit, output, _) = await CliRunner.RunAsync("validate", path);

        exit.Should().Be(ExitCodes.Failed);
        output.Should().Contain($"{env}:2:").And.Contain("error env-file-invalid: ");
        output.Should().Contain($"{path}:4:14: error invalid-restart");
    }

    [TestCase("--format", "xml")]
    [TestCase("--fail-on", "info")]
    [TestCase("--bogus")]
    public async Task Validate_BadArguments_ExitsTwo(params string[] extra)
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n");

        var (exit, _, _) = await CliRunner.RunAsync(["validate", path, .. extra]);

        exit.Should().Be(ExitCodes.Usage);
    }

    [Test]
    public async Task Validate_JsonFormat_WritesParsableJson()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    networks: [x]\n");

        var (exit, output, _) = await CliRunner.RunAsync("validate", path, "--format", "json");

        exit.Should().Be(ExitCodes.Failed);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("diagnostics")[0].GetProperty("code").GetString().Should().Be("undefined-network");
    }

    [Test]
    public async Task Validate_SarifFormat_WritesSarif()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    networks: [x]\n");

        var (_, output, _) = await CliRunner.RunAsync("validate", path, "--format", "sarif");

        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("version").GetString().Should().Be("2.1.0");
    }

    [Test]
    public async Task Validate_EnvFileOption_FeedsInterpolation()
    {
        var path = Write("docker-compose.yml", "services:\n  web:\n    image: nginx\n    restart: ${POLICY}\n");
        var env = Write("custom.env", "POLICY=sometimes\n");

        var (exit, output, _) = await CliRunner.RunAsync("validate", path, "--env-file", env);

        exit.Should().Be(ExitCodes.Failed, output);
        output.Should().Contain("invalid-restart").And.Contain("'sometimes'");
    }

    [TestCase(new[] { "compose.yaml" }, "compose.yaml")]
    [TestCase(new[] { "docker-compose.yml", "compose.yaml" }, "compose.yaml")]
    [TestCase(new[] { "docker-compose.yml", "compose.yml" }, "compose.yml")]
    [TestCase(new[] { "docker-compose.yaml", "docker-compose.yml" }, "docker-compose.yml")]
    [TestCase(new string[0], null)]
    public async Task Validate_NoFileArgument_UsesComposeV2SearchOrder(string[] present, string? expected)
    {
        foreach (var name in present)
        {
            Write(name, "services:\n  web:\n    image: nginx\n    restart: never\n");
        }

        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_folder);
        try
        {
            var (exit, output, error) = await CliRunner.RunAsync("validate");

            if (expected is null)
            {
                exit.Should().Be(ExitCodes.Usage);
                error.Should().Contain("docker-compose.yml").And.Contain("compose.yaml");
            }
            else
            {
                exit.Should().Be(ExitCodes.Failed);
                output.Should().StartWith(expected + ":4:14: error invalid-restart");
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
