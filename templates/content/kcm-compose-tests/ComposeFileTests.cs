using System.Reflection;
using KcmCompose.Validation;

namespace KcmComposeTests;

/// <summary>
/// Guards a deployment repository: every compose file under the root must validate without errors, one test case per
/// file, so a change that breaks the KCM proxy's client-certificate settings fails in CI instead of in production.
/// The root is KCM_COMPOSE_ROOT when set, else the folder chosen when the project was created (<c>--root</c>).
/// </summary>
public class ComposeFileTests
{
    private static readonly string[] Patterns = ["compose.yaml", "compose.yml", "compose.*.yaml", "compose.*.yml", "docker-compose.yml", "docker-compose.yaml", "docker-compose.*.yml", "docker-compose.*.yaml"];
    private static readonly string[] Skipped = ["bin", "obj", ".git", "node_modules"];

    public static IEnumerable<TestCaseData> ComposeFiles()
    {
        var root = Root();
        return Patterns
            .SelectMany(pattern => Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(Skipped.Contains))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(file).SetName($"Validate({Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')})"));
    }

    [TestCaseSource(nameof(ComposeFiles))]
    public async Task Validate(string file)
    {
        // An .env beside the file is read as Compose reads it; pass ComposeValidatorOptions for another env file.
        var report = await ComposeValidator.ValidateFileAsync(file);

        foreach (var diagnostic in report.Diagnostics)
        {
            TestContext.Out.WriteLine(diagnostic);   // warnings are shown, errors fail the test
        }

        Assert.That(report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void ComposeFilesAreFound() =>
        Assert.That(ComposeFiles(), Is.Not.Empty, $"no compose file under {Root()}; set KCM_COMPOSE_ROOT or recreate the project with --root");

    private static string Root() =>
        Environment.GetEnvironmentVariable("KCM_COMPOSE_ROOT") is { Length: > 0 } root
            ? Path.GetFullPath(root)
            : typeof(ComposeFileTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "KcmComposeRoot").Value!;
}
