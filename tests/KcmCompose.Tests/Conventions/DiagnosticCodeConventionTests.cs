using System.Reflection;
using System.Text.RegularExpressions;
using KcmCompose.Certificates;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Conventions;

/// <summary>Every code any command emits comes from the one catalog, and docs/validation.md lists each with its severity.</summary>
public partial class DiagnosticCodeConventionTests
{
    private static readonly string Root = RepositoryRoot();

    private static IEnumerable<string> CatalogCodes => DiagnosticCatalog.All.Keys;

    [Test]
    public void Catalog_EveryCode_IsLowerCaseWordsJoinedByDashes()
    {
        CatalogCodes.Where(code => !CodeShape().IsMatch(code)).Should().BeEmpty();
    }

    [Test]
    public void Docs_EveryCatalogCode_HasARowWithItsSeverity()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "validation.md"));
        var missing = DiagnosticCatalog.All.Values
            .Where(d => !docs.Contains($"| `{d.Code}` | {d.Severity.ToString().ToLowerInvariant()} |", StringComparison.Ordinal))
            .Select(d => $"{d.Code} ({d.Severity})")
            .ToList();

        missing.Should().BeEmpty("every code needs a row '| `code` | severity | meaning |' in docs/validation.md; missing: " + string.Join(", ", missing));
    }

    [Test]
    public void Docs_EveryCodeRow_IsInTheCatalog()
    {
        var docs = File.ReadAllText(Path.Combine(Root, "docs", "validation.md"));
        var documented = DocsRow().Matches(docs).Select(m => m.Groups[1].Value);

        documented.Where(code => !DiagnosticCatalog.All.ContainsKey(code)).Should().BeEmpty("a documented code nothing emits is stale");
    }

    [TestCase(typeof(ComposeProblemCodes))]
    [TestCase(typeof(KcmProblemCodes))]
    public void CodeConstants_EveryOne_IsInTheCatalog(Type holder)
    {
        var codes = holder.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

        codes.Should().NotBeEmpty().And.OnlyContain(code => DiagnosticCatalog.All.ContainsKey(code));
    }

    [Test]
    public void ClientCheckErrors_EveryOne_IsInTheCatalog()
    {
        var codes = Enum.GetValues<ClientCertificateCheckError>().Where(e => e != ClientCertificateCheckError.None).Select(e => e.ToCode()!);

        codes.Should().OnlyContain(code => DiagnosticCatalog.All.ContainsKey(code));
    }

    /// <summary>A code written as a literal anywhere in the library (not through a catalog row or a constant) must still be a catalog code.</summary>
    [Test]
    public void Sources_EveryCodeLiteralGivenToAProblem_IsInTheCatalog()
    {
        var literals = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ProblemLiteral().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Code: m.Groups[1].Value)));

        literals.Where(l => !DiagnosticCatalog.All.ContainsKey(l.Code)).Should().BeEmpty();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| (?:error|warning|info) \|", RegexOptions.Multiline)]
    private static partial Regex DocsRow();

    [GeneratedRegex(@"new ComposeProblem\(\s*""([a-z0-9-]+)""")]
    private static partial Regex ProblemLiteral();

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string callerFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "..", ".."));
}
