using KcmCompose.Kcm;
using KcmCompose.Tests.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>Swarm stack files: configs and secrets as file sources for the proxy's paths, deploy settings, keys Swarm ignores.</summary>
public class SwarmValidationTests
{
    private static readonly Lazy<TestCertificate> Root = new(() => TestPki.Root("CN=Swarm Rules Root", DateTimeOffset.UtcNow));

    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("kcm-swarm-rules-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, true);

    [Test]
    public async Task Validate_EmittedSwarmStack_IsCleanOfErrorsAndSwarmWarnings()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), Root.Value.Pem);
        var stack = KcmStackBuilder.Create("kcm.example.com").WithTls(TlsMode.SelfSigned).WithClientCa(Path.Combine(_folder, "ca.pem")).Build();
        var file = Path.Combine(_folder, "stack.yml");
        await stack.TryWriteFileAsync(file, KcmTarget.Swarm);
        await KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(file), stack.RequiredVariables);

        var report = await ComposeValidator.ValidateFileAsync(file);

        report.Diagnostics.Where(d => d.Severity <= DiagnosticSeverity.Warning).Should().BeEmpty(string.Join("\n", report.Diagnostics));
    }

    [Test]
    public async Task Validate_CaAsConfigFile_IsCheckedLikeABindMountedFile()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), "not a certificate\n");

        var report = await Validate(Proxy("configs:\n      - source: client-ca\n        target: /certs/ca.pem", "/certs/ca.pem") + "configs:\n  client-ca:\n    file: ./ca.pem\n    name: kcm-client-ca-0123456789ab\n");

        Codes(report).Should().Contain("ca-file-not-pem").And.NotContain("ca-file-not-mounted");
    }

    [Test]
    public async Task Validate_CaConfigFileMissing_ReportsCaFileMissingNotSwarmFileMissing()
    {
        var report = await Validate(Proxy("configs:\n      - source: client-ca\n        target: /certs/ca.pem", "/certs/ca.pem") + "configs:\n  client-ca:\n    file: ./absent.pem\n");

        Codes(report).Should().Contain("ca-file-missing").And.NotContain("swarm-file-missing").And.NotContain("ca-file-not-mounted");
    }

    [Test]
    public async Task Validate_ConfigShortSyntax_DefaultTargetIsSlashName()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), Root.Value.Pem);

        var report = await Validate(Proxy("configs:\n      - client-ca", "/client-ca") + "configs:\n  client-ca:\n    file: ./ca.pem\n");

        Codes(report).Should().NotContain(c => c.StartsWith("ca-", StringComparison.Ordinal));
    }

    [Test]
    public async Task Validate_SecretRelativeTarget_IsUnderRunSecrets()
    {
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), "garbage");

        var report = await Validate(Proxy("secrets:\n      - source: ca\n        target: ca.pem", "/run/secrets/ca.pem") + "secrets:\n  ca:\n    file: ./ca.pem\n");

        Codes(report).Should().Contain("ca-file-not-pem");
    }

    [Test]
    public async Task Validate_ExternalConfig_IsNotCheckable()
    {
        var report = await Validate(Proxy("configs:\n      - source: client-ca\n        target: /certs/ca.pem", "/certs/ca.pem") + "configs:\n  client-ca:\n    external: true\n    name: kcm-client-ca-0123456789ab\n");

        Codes(report).Should().Contain("ca-file-not-checkable").And.NotContain("ca-file-not-mounted");
    }

    [Test]
    public async Task Validate_StackFile_KeysSwarmIgnoresAreWarnings()
    {
        var report = await Validate(Proxy("container_name: kcm-proxy\n    restart: always\n    depends_on:\n      - guacamole", null));

        report.Diagnostics.Where(d => d.Code == "swarm-key-ignored").Select(d => d.Path)
            .Should().BeEquivalentTo("services.ssl.container_name", "services.ssl.restart", "services.ssl.depends_on");
        report.Diagnostics.Where(d => d.Code == "swarm-key-ignored").Should().OnlyContain(d => d.Severity == DiagnosticSeverity.Warning);
    }

    [Test]
    public async Task Validate_ComposeFileWithoutDeploy_NoSwarmWarnings()
    {
        var report = await Validate(Proxy("container_name: kcm-proxy", null).Replace("    deploy:\n", "    x-deploy:\n", StringComparison.Ordinal));

        Codes(report).Should().NotContain(c => c.StartsWith("swarm-", StringComparison.Ordinal));
    }

    [TestCase(KcmTarget.Swarm, true)]
    [TestCase(KcmTarget.Compose, false)]
    public async Task Validate_TargetOption_DecidesStackFile(KcmTarget target, bool warns)
    {
        var text = Proxy("container_name: kcm-proxy", null).Replace("    deploy:\n", "    x-deploy:\n", StringComparison.Ordinal);
        if (target == KcmTarget.Compose)
        {
            text = Proxy("container_name: kcm-proxy", null);
        }

        var report = await Validate(text, new ComposeValidatorOptions { Target = target });

        Codes(report).Contains("swarm-key-ignored").Should().Be(warns);
    }

    [Test]
    public async Task Validate_DeployValuesSwarmRefuses_ReportsEach()
    {
        var report = await Validate(Proxy(null, null, "      replicas: two\n      update_config:\n        order: first\n        failure_action: rollback\n      restart_policy:\n        condition: always\n"));

        report.Diagnostics.Where(d => d.Code == "swarm-deploy-invalid").Select(d => d.Path).Should().BeEquivalentTo(
            "services.ssl.deploy.replicas", "services.ssl.deploy.update_config.order", "services.ssl.deploy.restart_policy.condition");
    }

    [TestCase("      replicas: 1\n", "services.ssl.deploy.update_config.order")]
    [TestCase("      update_config:\n        order: start-first\n", "services.ssl.deploy.update_config.failure_action")]
    public async Task Validate_ProxyUpdateNotStartFirstWithRollback_ReportsRollout(string deploy, string path)
    {
        var report = await Validate(Proxy(null, null, deploy));

        report.Diagnostics.Should().ContainSingle(d => d.Code == "swarm-proxy-rollout").Which.Path.Should().Be(path);
    }

    [Test]
    public async Task Validate_OtherSecretFileMissing_ReportsSwarmFileMissing()
    {
        var report = await Validate(Proxy("secrets:\n      - db-password", null) + "secrets:\n  db-password:\n    file: ./db.txt\n");

        report.Diagnostics.Should().ContainSingle(d => d.Code == "swarm-file-missing").Which.Path.Should().Be("secrets.db-password.file");
    }

    private const string GoodDeploy = "      replicas: 1\n      update_config:\n        order: start-first\n        failure_action: rollback\n";

    /// <summary>A KCM stack file whose proxy has <paramref name="keys"/> and, when given, CLIENT_CERTIFICATE_FILE.</summary>
    private static string Proxy(string? keys, string? caFile, string deploy = GoodDeploy) => $$"""
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            {{keys}}
            environment:
              ACCEPT_EULA: "Y"
              SSL_HOSTNAME: kcm.example.com
              GUACAMOLE_HOSTNAME: guacamole
              SELF_SIGNED: "Y"
        {{(caFile is null ? string.Empty : $"      CLIENT_CERTIFICATE_FILE: {caFile}\n")}}    deploy:
        {{deploy}}  guacamole:
            image: keeper/guacamole:2
            environment:
              ACCEPT_EULA: "Y"

        """;

    private async Task<ValidationReport> Validate(string text, ComposeValidatorOptions? options = null)
    {
        var file = Path.Combine(_folder, "stack.yml");
        File.WriteAllText(file, text);
        return await ComposeValidator.ValidateFileAsync(file, options);
    }

    private static List<string> Codes(ValidationReport report) => [.. report.Diagnostics.Select(d => d.Code)];
}
