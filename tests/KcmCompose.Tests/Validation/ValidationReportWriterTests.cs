using System.Text.Json;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

public class ValidationReportWriterTests
{
    private static ValidationReport Report() =>
        ComposeValidator.ValidateText(
            "version: '3'\nservices:\n  web:\n    image: nginx\n    restart: no\n    networks: [front]\n",
            Path.Combine("deploy", "docker-compose.yml"),
            new Dictionary<string, string>());

    [Test]
    public void ToText_Report_WritesOneLinePerDiagnosticWithFixAndSummary()
    {
        var text = ValidationReportWriter.ToText(Report());

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var file = Path.Combine("deploy", "docker-compose.yml");
        lines.Should().HaveCount(7);
        lines[0].Should().Be($"{file}:1:1: info version-obsolete: The top-level 'version' key is obsolete; Compose v2 ignores it.");
        lines[1].Should().StartWith("    fix: ");
        lines[2].Should().StartWith($"{file}:5:14: warning yaml11-boolean: ");
        lines[4].Should().StartWith($"{file}:6:16: error undefined-network: ");
        lines[6].Should().Be($"{file}: 1 error, 1 warning, 1 info");
    }

    [Test]
    public void ToJson_Report_HasTheDocumentedShape()
    {
        using var json = JsonDocument.Parse(ValidationReportWriter.ToJson(Report()));

        var root = json.RootElement;
        root.GetProperty("file").GetString().Should().EndWith("docker-compose.yml");
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        diagnostics.Should().HaveCount(3);
        var network = diagnostics[2];
        network.GetProperty("code").GetString().Should().Be("undefined-network");
        network.GetProperty("severity").GetString().Should().Be("error");
        network.GetProperty("line").GetInt32().Should().Be(6);
        network.GetProperty("column").GetInt32().Should().Be(16);
        network.GetProperty("path").GetString().Should().Be("services.web.networks[0]");
        network.GetProperty("message").GetString().Should().Contain("front");
        network.GetProperty("fix").GetString().Should().NotBeEmpty();
        network.GetProperty("file").GetString().Should().EndWith("docker-compose.yml");
        var summary = root.GetProperty("summary");
        (summary.GetProperty("errors").GetInt32(), summary.GetProperty("warnings").GetInt32(), summary.GetProperty("infos").GetInt32())
            .Should().Be((1, 1, 1));
    }

    [Test]
    public void ToSarif_Report_IsSarif210WithRulesResultsAndRelativeForwardSlashUris()
    {
        var baseDirectory = Directory.GetCurrentDirectory();
        var tool = new SarifTool { Version = "1.2.3", BaseDirectory = baseDirectory };

        using var sarif = JsonDocument.Parse(ValidationReportWriter.ToSarif(Report(), tool));

        var root = sarif.RootElement;
        root.GetProperty("version").GetString().Should().Be("2.1.0");
        root.GetProperty("$schema").GetString().Should().Contain("sarif-2.1.0");
        var run = root.GetProperty("runs").EnumerateArray().Single();
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().Should().Be("kcm-compose");
        driver.GetProperty("version").GetString().Should().Be("1.2.3");
        Uri.IsWellFormedUriString(driver.GetProperty("informationUri").GetString(), UriKind.Absolute).Should().BeTrue();
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("id").GetString()).Should().Contain(["undefined-network", "yaml11-boolean", "version-obsolete"]);
        rules.Should().OnlyContain(r => r.GetProperty("shortDescription").GetProperty("text").GetString()!.Length > 0
            && r.GetProperty("help").GetProperty("text").GetString()!.Length > 0);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        results.Select(r => r.GetProperty("level").GetString()).Should().Equal("note", "warning", "error");
        var error = results[2];
        error.GetProperty("ruleId").GetString().Should().Be("undefined-network");
        rules[error.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString().Should().Be("undefined-network");
        error.GetProperty("message").GetProperty("text").GetString().Should().Contain("front");
        var physical = error.GetProperty("locations")[0].GetProperty("physicalLocation");
        physical.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("deploy/docker-compose.yml");
        physical.GetProperty("region").GetProperty("startLine").GetInt32().Should().Be(6);
        physical.GetProperty("region").GetProperty("startColumn").GetInt32().Should().Be(16);
    }
}
