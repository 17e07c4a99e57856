using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using KcmCompose.Kcm;
using KcmCompose.Tests.Kcm;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KcmCompose.Tests.Documentation;

/// <summary>
/// Every <c>```csharp</c> block in README.md and docs/*.md compiles as pasted into the Program.cs of a fresh
/// <c>dotnet new console</c> project that references the KcmCompose package: top-level statements, the console
/// template's implicit usings and nothing else, so a missing <c>using</c> or an undeclared variable fails here.
/// </summary>
public partial class CodeBlockTests
{
    /// <summary>The global usings of <c>dotnet new console</c> (Microsoft.NET.Sdk ImplicitUsings).</summary>
    private const string ConsoleImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static IEnumerable<TestCaseData> Blocks()
    {
        foreach (var block in CodeBlocks())
        {
            yield return new TestCaseData(block).SetName($"CSharpBlock_{block.Location.Replace('/', '_')}_Compiles");
        }
    }

    [TestCaseSource(nameof(Blocks))]
    public void CSharpBlock_AsPasted_Compiles(DocumentedBlock block)
    {
        var errors = Compile(block, out _);

        errors.Should().BeEmpty($"the C# block at {block.Location} must compile as pasted into a console app referencing KcmCompose:\n{block.Code}");
    }

    [Test]
    public void CodeBlocks_ReadmeAndDocs_AreFound()
    {
        var blocks = CodeBlocks().ToList();

        blocks.Should().Contain(b => b.Location.StartsWith("README.md:", StringComparison.Ordinal));
        blocks.Select(b => b.Location.Split(':')[0]).Distinct().Should().HaveCountGreaterThan(5);
    }

    [Test]
    public void Compile_SnippetWithoutItsUsing_ReportsTheMissingType()
    {
        var block = new DocumentedBlock("test.md:1", "var stack = KcmStackBuilder.Create(\"kcm.example.com\").Build();");

        var errors = Compile(block, out _);

        errors.Should().ContainSingle().Which.Should().Contain("CS0103").And.Contain("KcmStackBuilder");
    }

    /// <summary>The README's C# example runs as written in an empty folder: it creates its CA, writes the stack and the stack validates.</summary>
    [Test]
    [NonParallelizable]
    public void ReadmeExample_InEmptyFolder_RunsAndWritesAValidStack()
    {
        var block = CodeBlocks().Single(b => b.Location.StartsWith("README.md:", StringComparison.Ordinal));
        var errors = Compile(block, out var image);
        errors.Should().BeEmpty();
        var folder = Directory.CreateTempSubdirectory("kcm-readme-").FullName;
        var previous = Environment.CurrentDirectory;
        var context = new AssemblyLoadContext("readme-example", isCollectible: true);
        try
        {
            Environment.CurrentDirectory = folder;
            var assembly = context.LoadFromStream(new MemoryStream(image!));
            var result = assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);

            (result is null or 0).Should().BeTrue($"the example's exit code was {result}");
            var read = KcmStackReader.Read(KcmCompose.Compose.ComposeDocument.Parse(File.ReadAllText(Path.Combine(folder, "docker-compose.yml"))));
            read.Stack!.Proxy.ClientAuthentication.Should().NotBeNull();
            File.Exists(Path.Combine(folder, "pki", "ca.crt")).Should().BeTrue();
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            context.Unload();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Compile(DocumentedBlock block, out byte[]? image)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "Snippet" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, parse, "GlobalUsings.cs"), CSharpSyntaxTree.ParseText(block.Code, parse, block.Location)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        image = emitted.Success ? stream.ToArray() : null;
        return emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
    }

    /// <summary>The shared framework plus KcmCompose and the packages it depends on: what a project referencing the package compiles against.</summary>
    private static readonly Lazy<List<MetadataReference>> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var library = typeof(KcmStack).Assembly;
        var dependencies = library.GetReferencedAssemblies().Select(a => a.Name + ".dll").ToHashSet(StringComparer.OrdinalIgnoreCase);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkFolder, StringComparison.Ordinal) || dependencies.Contains(Path.GetFileName(path)))
            .Append(library.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    });

    private static IEnumerable<DocumentedBlock> CodeBlocks()
    {
        var root = Golden.RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file).ReplaceLineEndings("\n");
            foreach (Match match in FencedCSharp().Matches(text))
            {
                var line = text.AsSpan(0, match.Index).Count('\n') + 2;
                yield return new DocumentedBlock($"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{line}", match.Groups["code"].Value);
            }
        }
    }

    [GeneratedRegex(@"^```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCSharp();
}

/// <summary>One fenced C# block and where it starts (file:line of its first code line).</summary>
public sealed record DocumentedBlock(string Location, string Code)
{
    public override string ToString() => Location;
}
