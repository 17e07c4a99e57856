using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Validation;

namespace KcmCompose.IntegrationTests.Validation;

/// <summary>
/// docker compose (v2) and docker-compose (v1) as independent judges: what the validator calls an error, Compose
/// refuses too; the KCM stack it accepts, both accept; and the YAML 1.1 boolean it warns about is what v1 trips on.
/// </summary>
[NonParallelizable]
public class ComposeAgreementTests
{
    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kcm-validate-agree-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static ProcessResult ComposeV2Config(string path)
    {
        var docker = Requires.Program("docker");
        var result = ProcessRunner.Run(docker, ["compose", "-f", path, "config", "-q"], Path.GetDirectoryName(path), timeout: TimeSpan.FromSeconds(60));
        if (result.StandardError.Contains("is not a docker command", StringComparison.Ordinal))
        {
            Requires.Missing("the docker compose v2 plugin is not installed");
        }

        return result;
    }

    private static ProcessResult ComposeV1Config(string path) =>
        ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", path, "config", "-q"], Path.GetDirectoryName(path), timeout: TimeSpan.FromSeconds(60));

    [TestCase("unknown-key", "services:\n  web:\n    image: nginx\n    enviroment:\n      A: \"1\"\n")]
    [TestCase("invalid-type", "services:\n  web:\n    image: nginx\n    ports: \"80:80\"\n")]
    [TestCase("undefined-network", "services:\n  web:\n    image: nginx\n    networks:\n      - front\n")]
    [TestCase("undefined-volume", "services:\n  web:\n    image: nginx\n    volumes:\n      - data:/var/lib/data\n")]
    [TestCase("undefined-secret", "services:\n  web:\n    image: nginx\n    secrets:\n      - token\n")]
    [TestCase("undefined-config", "services:\n  web:\n    image: nginx\n    configs:\n      - source: site\n        target: /etc/site.conf\n")]
    [TestCase("depends-on-missing", "services:\n  web:\n    image: nginx\n    depends_on:\n      - db\n")]
    [TestCase("depends-on-cycle", "services:\n  a:\n    image: nginx\n    depends_on: [b]\n  b:\n    image: nginx\n    depends_on: [a]\n")]
    [TestCase("image-missing", "services:\n  a:\n    restart: always\n")]
    [TestCase("invalid-port", "services:\n  web:\n    image: nginx\n    ports:\n      - \"abc:80\"\n")]
    [TestCase("invalid-volume", "services:\n  web:\n    image: nginx\n    volumes:\n      - \":/data\"\n")]
    [TestCase("invalid-value", "services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: sometimes\n  db:\n    image: postgres\n")]
    [TestCase("interpolation-error", "services:\n  web:\n    image: \"nginx:${}\"\n")]
    [TestCase("required-variable", "services:\n  web:\n    image: \"nginx:${KCM_TEST_UNSET_TAG:?set the tag}\"\n")]
    public void Validate_ErrorTheValidatorReports_DockerComposeRefusesToo(string code, string yaml)
    {
        var path = Write(yaml);

        var report = ComposeValidator.ValidateText(yaml, path, _noVariables);
        var compose = ComposeV2Config(path);

        report.Diagnostics.Should().Contain(d => d.Code == code && d.Severity == DiagnosticSeverity.Error);
        compose.ExitCode.Should().NotBe(0, "docker compose should refuse a file with {0}: {1}", code, compose);
    }

    [Test]
    public void Validate_ValidFile_DockerComposeAcceptsAndNoErrorIsReported()
    {
        const string yaml = """
            services:
              guacd:
                image: keeper/guacd:2
                restart: unless-stopped
                environment:
                  ACCEPT_EULA: "Y"
              guacamole:
                image: keeper/guacamole:2
                depends_on: [guacd]
                environment:
                  ACCEPT_EULA: "Y"
                  GUACD_HOSTNAME: guacd
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                ports: ["443:443"]
                environment:
                  ACCEPT_EULA: "Y"
                  GUACAMOLE_HOSTNAME: guacamole
                  SSL_HOSTNAME: kcm.example.com
                  SELF_SIGNED: "Y"
                  ADDITIONAL_NGINX_CONFIG: |
                    add_header X-Client-DN $$ssl_client_s_dn;
            """;
        var path = Write(yaml);

        var report = ComposeValidator.ValidateText(yaml, path, _noVariables);

        report.Diagnostics.Should().BeEmpty();
        ComposeV2Config(path).ExitCode.Should().Be(0);
        ComposeV1Config(path).ExitCode.Should().Be(0);
    }

    [Test]
    public void Validate_UnquotedNoForRestart_WarnsAndOnlyTheYaml11ReaderRefusesIt()
    {
        const string yaml = "services:\n  web:\n    image: nginx\n    restart: no\n";
        var path = Write(yaml);

        var report = ComposeValidator.ValidateText(yaml, path, _noVariables);

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("yaml11-boolean");
        ComposeV2Config(path).ExitCode.Should().Be(0, "YAML 1.2 reads 'no' as text");
        ComposeV1Config(path).ExitCode.Should().NotBe(0, "YAML 1.1 reads 'no' as false, which is not a restart policy");
    }

    [Test]
    public void Validate_UnescapedNginxVariable_ComposeReallyReplacesIt()
    {
        const string yaml = """
            services:
              web:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  ACCEPT_EULA: "Y"
                  SSL_HOSTNAME: kcm.example.com
                  SELF_SIGNED: "Y"
                  ADDITIONAL_NGINX_CONFIG: "add_header X-DN $ssl_client_s_dn;"
            """;
        var path = Write(yaml);

        var report = ComposeValidator.ValidateText(yaml, path, _noVariables);
        var docker = Requires.Program("docker");
        var config = ProcessRunner.Run(docker, ["compose", "-f", path, "config"], _folder, timeout: TimeSpan.FromSeconds(60));

        report.Diagnostics.Should().ContainSingle(d => d.Code == "unescaped-dollar");
        config.ExitCode.Should().Be(0, config.ToString());
        config.StandardOutput.Should().Contain("add_header X-DN ;", "Compose interpolated the nginx variable away");
    }
}
