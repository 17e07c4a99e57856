using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

public class DatabaseVolumeRuleTests
{
    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);

    private static ValidationReport Validate(string yaml) => ComposeValidator.ValidateText(yaml, "docker-compose.yml", _noVariables);

    [TestCase("keeper/guacamole-db-mysql:2", "/var/lib/mysql")]
    [TestCase("keeper/guacamole-db-postgres:2", "/var/lib/postgresql/data")]
    public void Validate_DatabaseWithoutVolume_IsAWarningWithAFix(string image, string directory)
    {
        var report = Validate($"services:\n  db:\n    image: {image}\n    environment:\n      ACCEPT_EULA: \"Y\"\n");

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "database-volume-missing").Subject;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Warning);
        diagnostic.Line.Should().Be(2);
        diagnostic.Message.Should().Contain(directory);
        diagnostic.Fix.Should().Contain("kcm-db-data:" + directory);
    }

    [TestCase("      - kcm-db-data:/var/lib/mysql\nvolumes:\n  kcm-db-data:\n")]
    [TestCase("      - ./mysql:/var/lib/mysql\n")]
    [TestCase("      - type: volume\n        source: data\n        target: /var/lib/mysql/\nvolumes:\n  data:\n")]
    public void Validate_DatabaseWithPersistentVolume_IsNotReported(string volumes)
    {
        var report = Validate("services:\n  db:\n    image: keeper/guacamole-db-mysql:2\n    volumes:\n" + volumes);

        report.Diagnostics.Should().NotContain(d => d.Code == "database-volume-missing");
    }

    [TestCase("      - /var/lib/mysql\n")]
    [TestCase("      - ./elsewhere:/var/lib/other\n")]
    public void Validate_DatabaseWithAnonymousOrOtherVolume_IsReported(string volumes)
    {
        var report = Validate("services:\n  db:\n    image: keeper/guacamole-db-mysql:2\n    volumes:\n" + volumes);

        report.Diagnostics.Should().ContainSingle(d => d.Code == "database-volume-missing");
    }

    [Test]
    public void Validate_PostgresParentFolderMounted_IsNotReported()
    {
        var report = Validate("services:\n  db:\n    image: keeper/guacamole-db-postgres:2\n    volumes:\n      - pg:/var/lib/postgresql\nvolumes:\n  pg:\n");

        report.Diagnostics.Should().NotContain(d => d.Code == "database-volume-missing");
    }

    [Test]
    public void Validate_EmittedStackWithVolumeSwitchedOff_IsReported()
    {
        var yaml = KcmStackBuilder.Create("kcm.example.com").WithDataVolume(null).Build().ToYaml();

        Validate(yaml).Diagnostics.Should().ContainSingle(d => d.Code == "database-volume-missing");
    }
}
