using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>What the KCM model writes, the validator accepts: no compose or proxy diagnostic on emitted stacks.</summary>
public class EmittedStackValidationTests
{
    /// <summary>What the .env beside an emitted stack defines: every secret it requires.</summary>
    private static readonly Dictionary<string, string> _envFile = new(StringComparer.Ordinal)
    {
        ["GUACAMOLE_PASSWORD"] = "p1", ["GUACAMOLE_ADMIN_PASSWORD"] = "p2", ["MYSQL_ROOT_PASSWORD"] = "p3",
    };

    private static IEnumerable<Diagnostic> Own(ValidationReport report) =>
        report.Diagnostics.Where(d => ValidationFixtures.ComposeAndProxyCodes.Contains(d.Code));

    [TestCase(VerifyClientMode.On, "")]
    [TestCase(VerifyClientMode.Optional, "if ($ssl_client_verify != SUCCESS) { return 403; }")]
    [TestCase(VerifyClientMode.On, "add_header X-Client-DN \"$ssl_client_s_dn\" always;\nlocation = /health {\n    return 200 'ok';\n}\n")]
    public void Validate_StackEmittedWithClientAuthentication_HasNoComposeOrProxyDiagnostic(VerifyClientMode mode, string nginx)
    {
        var builder = KcmStackBuilder.Create("kcm.example.com")
            .WithClientCa("/opt/kcm/pki/client-ca.pem")
            .WithVerifyClient(mode)
            .WithVerifyDepth(2);
        if (nginx.Length > 0)
        {
            builder = builder.WithAdditionalNginxConfig(nginx);
        }

        var yaml = builder.Build().ToYaml();

        var report = ComposeValidator.ValidateText(yaml, "docker-compose.yml", _envFile);

        Own(report).Should().BeEmpty(yaml);
    }

    [Test]
    public void Validate_DefaultEmittedStack_HasNoComposeOrProxyDiagnostic()
    {
        var yaml = ComposeEmitter.Emit(KcmStackBuilder.Create("kcm.example.com").Build().ToComposeDocument());

        Own(ComposeValidator.ValidateText(yaml, "docker-compose.yml", _envFile)).Should().BeEmpty(yaml);
    }

    [Test]
    public void Validate_DefaultEmittedStackWithoutEnvFile_ReportsEachRequiredVariable()
    {
        var yaml = KcmStackBuilder.Create("kcm.example.com").Build().ToYaml();

        var report = ComposeValidator.ValidateText(yaml, "docker-compose.yml", new Dictionary<string, string>(StringComparer.Ordinal));

        report.Diagnostics.Where(d => d.Code == "required-variable").Select(d => d.Message)
            .Should().Contain(m => m.Contains("GUACAMOLE_PASSWORD", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("MYSQL_ROOT_PASSWORD", StringComparison.Ordinal));
    }

    [Test]
    public async Task ValidateFileAsync_SampleClientAuthStack_HasNoComposeOrProxyDiagnostic()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KcmCompose.sln")))
        {
            folder = folder.Parent;
        }

        var sample = Path.Combine(folder!.FullName, "samples", "kcm-client-auth", "docker-compose.yml");

        var report = await ComposeValidator.ValidateFileAsync(sample, new ComposeValidatorOptions { ProcessEnvironment = _envFile });

        Own(report).Should().BeEmpty();
    }
}
