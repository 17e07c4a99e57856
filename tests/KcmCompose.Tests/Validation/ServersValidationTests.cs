using KcmCompose.Tests.Certificates;
using KcmCompose.Tests.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>validate on SERVERS: every proxy rule on each server's effective settings, each finding at its own line.</summary>
public class ServersValidationTests
{
    private const string Entry = "CLIENT_CERTIFICATE_FILE: /certs/client-ca-b.kcm.test.pem";

    private string _folder = null!;
    private string _clean = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-servers-").FullName;
        var now = DateTimeOffset.UtcNow;
        File.WriteAllText(Path.Combine(_folder, "a.pem"), TestPki.Root("CN=Client CA A", now, TestPki.NewEc()).Pem);
        File.WriteAllText(Path.Combine(_folder, "b.pem"), TestPki.Root("CN=Client CA B", now, TestPki.NewEc()).Pem);
        _clean = KcmServerTests.ThreeServers(Path.Combine(_folder, "a.pem"), Path.Combine(_folder, "b.pem")).ToYaml();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task ValidateFileAsync_CleanThreeServerStack_HasNoFinding()
    {
        var report = await Validate(_clean);

        report.Diagnostics.Should().BeEmpty(_clean);
    }

    [Test]
    public async Task ValidateFileAsync_ServerCaFileNotMounted_ReportedAtItsLineWithTheServerInThePath()
    {
        var yaml = _clean.Replace(Entry, "CLIENT_CERTIFICATE_FILE: /certs/other.pem", StringComparison.Ordinal);

        var report = await Validate(yaml);

        var (line, column) = Find(yaml, "/certs/other.pem");
        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line, d.Column)).Should().Equal(
            ("ca-file-not-mounted", "services.ssl.environment.SERVERS[0].CLIENT_CERTIFICATE_FILE", line, column));
    }

    [Test]
    public async Task ValidateFileAsync_ServerDepthInvalid_ReportedAtItsLineWithTheServerInThePath()
    {
        var yaml = _clean.Replace(Entry, Entry + "\n          SSL_VERIFY_DEPTH: two", StringComparison.Ordinal);

        var report = await Validate(yaml);

        var (line, column) = Find(yaml, "two");
        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line, d.Column)).Should().Equal(
            ("verify-depth-invalid", "services.ssl.environment.SERVERS[0].SSL_VERIFY_DEPTH", line, column));
    }

    [Test]
    public async Task ValidateFileAsync_BrokenYamlInsideServers_ReportedAtItsOwnLine()
    {
        var yaml = _clean.Replace("- SSL_HOSTNAME: c.kcm.test", "- SSL_HOSTNAME: [c.kcm.test", StringComparison.Ordinal);

        var report = await Validate(yaml);

        var diagnostic = report.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.Code.Should().Be("servers-invalid");
        diagnostic.Path.Should().Be("services.ssl.environment.SERVERS");
        diagnostic.Line.Should().BeInRange(Find(yaml, "[c.kcm.test").Line, Find(yaml, "[c.kcm.test").Line + 1);
    }

    [Test]
    public async Task ValidateFileAsync_ServerCaFileMissingOnTheHost_ReportedOnceAsCaFileMissing()
    {
        File.Delete(Path.Combine(_folder, "b.pem"));

        var report = await Validate(_clean);

        var (line, column) = Find(_clean, "/certs/client-ca-b.kcm.test.pem\n");
        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line, d.Column)).Should().Equal(
            ("ca-file-missing", "services.ssl.environment.SERVERS[0].CLIENT_CERTIFICATE_FILE", line, column));
    }

    [Test]
    public async Task ValidateFileAsync_ServerRepeatsAHostname_ReportsTheDuplicate()
    {
        var yaml = _clean.Replace("- SSL_HOSTNAME: c.kcm.test", "- SSL_HOSTNAME: A.kcm.test", StringComparison.Ordinal);

        var report = await Validate(yaml);

        var (line, column) = Find(yaml, "A.kcm.test");
        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line, d.Column)).Should().Equal(
            ("server-hostname-duplicate", "services.ssl.environment.SERVERS[1].SSL_HOSTNAME", line, column));
    }

    [Test]
    public async Task ValidateFileAsync_ServerUnknownVariableAndUnbalancedNginxConfig_ReportedPerServer()
    {
        var yaml = _clean.Replace(Entry, Entry + "\n          SSL_VERIFY_DEPT: '2'\n          ADDITIONAL_NGINX_CONFIG: 'if (1) { return 403;'", StringComparison.Ordinal);

        var report = await Validate(yaml);

        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line)).Should().BeEquivalentTo(new[]
        {
            ("server-setting-unknown", "services.ssl.environment.SERVERS[0].SSL_VERIFY_DEPT", Find(yaml, "SSL_VERIFY_DEPT:").Line),
            ("nginx-config-unbalanced", "services.ssl.environment.SERVERS[0].ADDITIONAL_NGINX_CONFIG", Find(yaml, "if (1)").Line),
        });
    }

    [Test]
    public async Task ValidateFileAsync_JsonServersWithBadDepth_ReportedAtTheValueInsideTheQuotedScalar()
    {
        var start = _clean.IndexOf("      SERVERS: |", StringComparison.Ordinal);
        var end = _clean.IndexOf("      SSL_HOSTNAME: a.kcm.test", StringComparison.Ordinal);
        var yaml = _clean[..start]
            + "      SERVERS: '[{\"SSL_HOSTNAME\": \"b.kcm.test\", \"CLIENT_CERTIFICATE_FILE\": \"/certs/client-ca-b.kcm.test.pem\", \"SSL_VERIFY_DEPTH\": \"-1\"}]'\n"
            + _clean[end..];

        var report = await Validate(yaml);

        var (line, column) = Find(yaml, "\"-1\"");
        report.Diagnostics.Select(d => (d.Code, d.Path, d.Line, d.Column)).Should().Equal(
            ("verify-depth-invalid", "services.ssl.environment.SERVERS[0].SSL_VERIFY_DEPTH", line, column));
    }

    private static (int Line, int Column) Find(string yaml, string text)
    {
        var index = yaml.IndexOf(text, StringComparison.Ordinal);
        index.Should().BeGreaterThanOrEqualTo(0, text);
        var line = yaml[..index].Count(c => c == '\n') + 1;
        return (line, index - (yaml.LastIndexOf('\n', index) + 1) + 1);
    }

    private async Task<ValidationReport> Validate(string yaml)
    {
        var file = Path.Combine(_folder, "docker-compose.yml");
        await File.WriteAllTextAsync(file, yaml);
        return await ComposeValidator.ValidateFileAsync(file, new ComposeValidatorOptions { ProcessEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) });
    }
}
