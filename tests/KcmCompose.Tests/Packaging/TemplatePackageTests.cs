using System.Text.Json;
using System.Xml.Linq;
using KcmCompose.Tests.Kcm;

namespace KcmCompose.Tests.Packaging;

/// <summary>
/// The template package's content stays in step with the repository: an instantiated project builds outside this
/// repository (no central package management there), so its package versions are written out and must equal
/// Directory.Packages.props; every template parameter replaces a token that occurs in its content.
/// </summary>
public class TemplatePackageTests
{
    private static readonly string Content = Path.Combine(Golden.RepositoryRoot(), "templates", "content");

    public static IEnumerable<string> Templates() =>
        Directory.GetDirectories(Path.Combine(Golden.RepositoryRoot(), "templates", "content")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [Test]
    public void Templates_Package_HoldsTheDeployAndTestTemplates() =>
        Templates().Should().BeEquivalentTo("kcm-deploy", "kcm-compose-tests");

    [TestCaseSource(nameof(Templates))]
    public void PackageReferences_Template_UseTheRepositoryVersions(string template)
    {
        var central = XDocument.Load(Path.Combine(Golden.RepositoryRoot(), "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.Ordinal);
        var project = Directory.GetFiles(Path.Combine(Content, template), "*.csproj").Should().ContainSingle().Subject;

        var references = XDocument.Load(project).Descendants("PackageReference")
            .Select(e => (Id: (string)e.Attribute("Include")!, Version: (string?)e.Attribute("Version"))).ToList();

        references.Should().Contain(("KcmCompose", "KCM_COMPOSE_VERSION"), "the library comes from the package, its version from --kcm-version");
        foreach (var (id, version) in references.Where(r => r.Id != "KcmCompose"))
        {
            central.Should().ContainKey(id, $"{template} references {id}, which the repository does not use");
            version.Should().Be(central[id], $"{template} must use the {id} version the repository tests with");
        }
    }

    [TestCaseSource(nameof(Templates))]
    public void TemplateJson_EveryParameter_ReplacesATokenInTheContent(string template)
    {
        var folder = Path.Combine(Content, template);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ".template.config", "template.json")));
        var text = string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText));

        json.RootElement.GetProperty("shortName").GetString().Should().Be(template);
        text.Should().Contain(json.RootElement.GetProperty("sourceName").GetString());
        foreach (var symbol in json.RootElement.GetProperty("symbols").EnumerateObject())
        {
            text.Should().Contain(symbol.Value.GetProperty("replaces").GetString(), $"parameter {symbol.Name} must change something");
        }
    }
}
