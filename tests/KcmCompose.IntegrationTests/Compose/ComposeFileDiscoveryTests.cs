using System.Text.Json;
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Compose;

/// <summary>
/// Every command acts on the files real Compose v2 reads: with <c>compose.yaml</c> and <c>docker-compose.yml</c> in one
/// folder, and with <c>COMPOSE_FILE</c>. The files disagree on SSL_VERIFY_CLIENT and only the ones Compose reads are
/// valid, so each command's answer shows which it read.
/// </summary>
[Category("Integration")]
public class ComposeFileDiscoveryTests
{
    private string _folder = null!;

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-discovery-").FullName;
        var openssl = Requires.Program("openssl");
        Run(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "60",
            "-subj", "/CN=Discovery CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Run(openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "foreign.key", "-out", "foreign.pem", "-days", "60",
            "-subj", "/CN=foreign client", "-addext", "extendedKeyUsage=clientAuth");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task EveryCommand_ComposeYamlBesideDockerComposeYml_ActsOnComposeYamlLikeComposeV2()
    {
        Write("compose.yaml", Stack("on"));
        Write("docker-compose.yml", Stack("off", restart: "never"));
        var environment = Environment(composeFile: null);

        ComposeV2VerifyClient(environment).Should().Be("on", "Compose v2 reads compose.yaml first");

        var validate = Cli(environment, "validate");
        validate.ExitCode.Should().Be(0, "compose.yaml is valid, docker-compose.yml is not\n" + validate);
        validate.StandardOutput.Should().Contain("compose.yaml").And.NotContain("docker-compose.yml");

        var check = Cli(environment, "check-client", "foreign.pem");
        check.ExitCode.Should().Be(1, "with SSL_VERIFY_CLIENT on, a certificate of another CA is rejected\n" + check);

        var edit = Cli(environment, "client-auth", "enable", "--client-ca", "ca.pem", "--verify-depth", "3", "--dry-run");
        edit.ExitCode.Should().Be(0, edit.ToString());
        edit.StandardOutput.Should().Contain("compose.yaml").And.NotContain("docker-compose.yml");

        (await ApplyPlanVerifyClient(environment)).Should().Be("on");
    }

    [Test]
    public async Task EveryCommand_ComposeFileVariable_MergesTheNamedFilesLikeComposeV2()
    {
        Write("compose.yaml", Stack("off", restart: "never"));
        Write("docker-compose.yml", Stack("off"));
        Write("extra.yml", "services:\n  ssl:\n    environment:\n      SSL_VERIFY_CLIENT: \"on\"\n");
        var environment = Environment(composeFile: "docker-compose.yml:extra.yml");

        ComposeV2VerifyClient(environment).Should().Be("on", "Compose v2 merges COMPOSE_FILE's files in order");

        var validate = Cli(environment, "validate");
        validate.ExitCode.Should().Be(0, "compose.yaml, the only invalid file, is not read\n" + validate);

        var check = Cli(environment, "check-client", "foreign.pem");
        check.ExitCode.Should().Be(1, "extra.yml turns SSL_VERIFY_CLIENT on\n" + check);

        var edit = Cli(environment, "client-auth", "enable", "--client-ca", "ca.pem", "--dry-run");
        edit.ExitCode.Should().Be(2, "client-auth edits one file and says which to name\n" + edit);
        edit.StandardError.Should().Contain("docker-compose.yml").And.Contain("extra.yml").And.Contain("-f");

        (await ApplyPlanVerifyClient(environment)).Should().Be("on");
    }

    [Test]
    public async Task EveryCommand_ComposeFileInDotEnv_ReadsItLikeComposeV2()
    {
        Write("compose.yaml", Stack("off", restart: "never"));
        Write("docker-compose.yml", Stack("off"));
        Write("extra.yml", "services:\n  ssl:\n    environment:\n      SSL_VERIFY_CLIENT: \"on\"\n");
        Write(".env", "COMPOSE_FILE=docker-compose.yml:extra.yml\n");
        var environment = Environment(composeFile: null);

        ComposeV2VerifyClient(environment).Should().Be("on", "Compose v2 reads COMPOSE_FILE from the working folder's .env");

        var validate = Cli(environment, "validate");
        validate.ExitCode.Should().Be(0, "compose.yaml, the only invalid file, is not read\n" + validate);
        Cli(environment, "check-client", "foreign.pem").ExitCode.Should().Be(1);
        (await ApplyPlanVerifyClient(environment)).Should().Be("on");
    }

    private string ComposeV2VerifyClient(Dictionary<string, string?> environment)
    {
        var config = ProcessRunner.Run(Requires.Program("docker"), ["compose", "config", "--format", "json"], _folder, environment);
        config.ExitCode.Should().Be(0, config.ToString());
        using var json = JsonDocument.Parse(config.StandardOutput);
        return json.RootElement.GetProperty("services").GetProperty("ssl").GetProperty("environment").GetProperty("SSL_VERIFY_CLIENT").GetString()!;
    }

    /// <summary>The desired state apply would converge to, for the files the CLI resolves in this folder and environment.</summary>
    private async Task<string> ApplyPlanVerifyClient(Dictionary<string, string?> environment)
    {
        var processEnvironment = environment.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        var files = ComposeProject.FindFiles(workingDirectory: _folder, environment: processEnvironment);
        var definition = await ServiceDeployment.LoadCheckedAsync(
            new ServiceDeploymentRequest(files[0]) { OverrideFiles = [.. files.Skip(1)], Environment = environment }, CancellationToken.None);
        return definition.Desired.Environment["SSL_VERIFY_CLIENT"];
    }

    private ProcessResult Cli(Dictionary<string, string?> environment, params string[] arguments) =>
        ProcessRunner.Run("dotnet", [CliDll, .. arguments], _folder, environment, timeout: TimeSpan.FromMinutes(1));

    private static Dictionary<string, string?> Environment(string? composeFile) => new()
    {
        ["COMPOSE_FILE"] = composeFile,
        ["COMPOSE_PATH_SEPARATOR"] = null,
        ["COMPOSE_PROJECT_NAME"] = null,
    };

    private void Run(string program, params string[] arguments)
    {
        var result = ProcessRunner.Run(program, arguments, _folder);
        result.ExitCode.Should().Be(0, result.ToString());
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Stack(string verifyClient, string restart = "unless-stopped") => $$"""
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            restart: {{restart}}
            network_mode: host
            volumes:
              - ./ca.pem:/certs/client-ca.pem:ro
            environment:
              ACCEPT_EULA: "Y"
              SSL_HOSTNAME: kcm.example.com
              GUACAMOLE_HOSTNAME: 127.0.0.1
              SELF_SIGNED: "Y"
              CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem
              SSL_VERIFY_CLIENT: "{{verifyClient}}"

        """;
}
