using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>Checks found missing on real files: each reported at its place, with its code.</summary>
public class ValidatorGapTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("kcm-gaps-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Validate_EnvFileMissing_IsAnErrorAtTheEntry()
    {
        var report = await Validate("services:\n  web:\n    image: nginx\n    env_file:\n      - present.env\n      - absent.env\n", ("present.env", "A=1\n"));

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "env-file-missing").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        (diagnostic.Line, diagnostic.Column).Should().Be((6, 9));
        diagnostic.Path.Should().Be("services.web.env_file[1]");
    }

    [Test]
    public async Task Validate_EnvFileNotRequired_IsNotReported()
    {
        var report = await Validate("services:\n  web:\n    image: nginx\n    env_file:\n      - path: absent.env\n        required: false\n");

        report.Diagnostics.Should().NotContain(d => d.Code == "env-file-missing");
    }

    [Test]
    public async Task Validate_ComposeProjectNameVariable_IsTheProjectNameNotUnset()
    {
        var report = await Validate("name: shop\nservices:\n  web:\n    image: nginx\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n");

        report.Diagnostics.Should().NotContain(d => d.Code == "variable-not-set", string.Join("\n", report.Diagnostics));
    }

    [Test]
    public async Task Validate_SeccompProfileMissing_IsAnErrorAtTheOption()
    {
        var report = await Validate("services:\n  guacd:\n    image: nginx\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./guacd-seccomp.json\n");

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "seccomp-profile-missing").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        (diagnostic.Line, diagnostic.Column).Should().Be((6, 9));
    }

    [TestCase("seccomp:unconfined")]
    [TestCase("seccomp=./present.json")]
    public async Task Validate_SeccompBuiltInOrPresent_IsNotReported(string option)
    {
        var report = await Validate($"services:\n  guacd:\n    image: nginx\n    security_opt:\n      - {option}\n", ("present.json", "{}"));

        report.Diagnostics.Should().NotContain(d => d.Code == "seccomp-profile-missing");
    }

    [Test]
    public async Task Validate_BindSourceMissing_IsAWarningAtTheVolume()
    {
        var report = await Validate("services:\n  web:\n    image: nginx\n    volumes:\n      - ./present:/a\n      - ./absent:/b\n      - type: bind\n        source: ./created\n        target: /c\n        bind:\n          create_host_path: true\n", ("present", "x"));

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "bind-source-missing").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Warning);
        diagnostic.Line.Should().Be(6);
        diagnostic.Value.Should().Be("./absent");
    }

    [Test]
    public async Task Validate_ProxyWithoutGuacamoleHostname_IsAnError()
    {
        var report = await Validate("services:\n  ssl:\n    image: registry.corp.example/keeper/guacamole-ssl-nginx:2\n    environment:\n      ACCEPT_EULA: \"Y\"\n      SSL_HOSTNAME: kcm.example.com\n      SELF_SIGNED: \"Y\"\n");

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "guacamole-hostname-missing").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Path.Should().Be("services.ssl.environment");
    }

    [TestCase("/certs/client ca.pem", "a space")]
    [TestCase("/certs/ca.pem;ssl_verify_client_off", "';'")]
    [TestCase("/certs/{ca}.pem", "'{'")]
    [TestCase("/certs/#ca.pem", "'#'")]
    public async Task Validate_CaPathWithNginxSyntax_IsContainerPathUnsafe(string path, string what)
    {
        var report = await Validate($"services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n    environment:\n      ACCEPT_EULA: \"Y\"\n      SSL_HOSTNAME: kcm.example.com\n      GUACAMOLE_HOSTNAME: 127.0.0.1\n      SELF_SIGNED: \"Y\"\n      CLIENT_CERTIFICATE_FILE: \"{path}\"\n");

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "container-path-unsafe").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        (diagnostic.Line, diagnostic.Column).Should().Be((9, 32));
        diagnostic.Message.Should().Contain(what);
    }

    private async Task<ValidationReport> Validate(string yaml, params (string Name, string Text)[] files)
    {
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, name), text);
        }

        var path = Path.Combine(_folder, "compose.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return await ComposeValidator.ValidateFileAsync(path, new ComposeValidatorOptions { ProcessEnvironment = new Dictionary<string, string>() });
    }
}
