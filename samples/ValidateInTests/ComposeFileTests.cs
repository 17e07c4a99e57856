using KcmCompose.Validation;
using NUnit.Framework;

namespace ValidateInTests;

/// <summary>
/// Guards a deployment repository: every compose file under it must validate without errors, one test case per file,
/// so a pull request that breaks the proxy's client-certificate settings fails in CI, not in production.
/// The folder is KCM_COMPOSE_ROOT, else the git repository holding this project.
/// </summary>
public class ComposeFileTests
{
    private static readonly string[] Patterns = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml", "docker-compose.*.yml", "compose.*.yaml"];

    public static IEnumerable<TestCaseData> ComposeFiles()
    {
        var root = Root();
        return Patterns
            .SelectMany(pattern => Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or "node_modules"))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(file => new TestCaseData(file).SetName($"Validate_{Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')}_HasNoErrors"));
    }

    [TestCaseSource(nameof(ComposeFiles))]
    public async Task Validate_ComposeFile_HasNoErrors(string file)
    {
        var report = await ComposeValidator.ValidateFileAsync(file);

        foreach (var diagnostic in report.Diagnostics)
        {
            TestContext.Out.WriteLine(diagnostic);   // warnings are shown, errors fail the test
        }

        Assert.That(report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void ComposeFiles_UnderTheRoot_AreFound() =>
        Assert.That(ComposeFiles(), Is.Not.Empty, $"no compose file under {Root()}");

    private static string Root()
    {
        if (Environment.GetEnvironmentVariable("KCM_COMPOSE_ROOT") is { Length: > 0 } root)
        {
            return Path.GetFullPath(root);
        }

        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, ".git")) && !File.Exists(Path.Combine(folder.FullName, ".git")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Set KCM_COMPOSE_ROOT to the folder whose compose files to validate.");
    }
}
