using CsCheck;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

/// <summary>Whatever the text, loading either succeeds or throws <see cref="ComposeLoadException"/> with a location.</summary>
public class ComposeLoaderFuzzTests
{
    private static readonly string _fixture = File.ReadAllText(
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Compose", "Fixtures", "everything.yml"));

    private static readonly string[] _noise =
        ["\t", ":", ": ", "-", "- ", "[", "]", "{", "}", "&a ", "*a", "*defaults", "<<: ", "!!", "!x ", "'", "\"", "|", ">",
         "\n", "\n  ", "   ", "#", "%YAML 1.2\n", "---\n", "...\n", "?", ",", "\\", "\u0000", "\uFEFF", "\u0085", "🙂", "\r"];

    private static readonly Gen<string> _mutated =
        Gen.Select(Gen.Int[0, _fixture.Length], Gen.Int[0, 20], Gen.OneOf(_noise)).Array[1, 6].Select(edits =>
        {
            var text = _fixture;
            foreach (var (at, delete, insert) in edits)
            {
                var start = Math.Min(at, text.Length);
                var count = Math.Min(delete, text.Length - start);
                text = text.Remove(start, count).Insert(start, insert);
            }

            return text;
        });

    [Test]
    public void Parse_MutatedFixture_OnlyEverThrowsComposeLoadException() =>
        _mutated.Sample(
            text =>
            {
                try
                {
                    ComposeDocument.Parse(text, "fuzz.yml");
                }
                catch (ComposeLoadException e) when (e.Location is not null || e.Message.Length > 0)
                {
                }
            },
            iter: 3000,
            print: t => System.Text.Json.JsonSerializer.Serialize(t));

    [Test]
    public void Parse_RandomText_OnlyEverThrowsComposeLoadException() =>
        Gen.String[Gen.Char['\0', '\u00FF'], 0, 200].Sample(
            text =>
            {
                try
                {
                    ComposeDocument.Parse(text, "fuzz.yml");
                }
                catch (ComposeLoadException)
                {
                }
            },
            iter: 3000,
            print: t => System.Text.Json.JsonSerializer.Serialize(t));

    [Test]
    public void Parse_YamlDotNetScannerFailure_BecomesLoadException()
    {
        var act = () => ComposeDocument.Parse("a:\n  b: [1%YAML 1.2\n", "odd.yml");

        act.Should().Throw<ComposeLoadException>().Which.Location!.Value.File.Should().Be("odd.yml");
    }

    [Test]
    public void Interpolate_AnyText_NeverThrows()
    {
        var pieces = Gen.OneOf("$", "{", "}", "$$", "${", ":-", ":?", ":+", "-", "?", "+", ":", "A", "B_1", "x", " ", "1");
        var variables = new Dictionary<string, string> { ["A"] = "a", ["B_1"] = string.Empty };
        pieces.Array[0, 12].Select(string.Concat).Sample(
            text =>
            {
                var document = new ComposeDocument(ComposeMapping.Empty.Set("k", new ComposeScalar(text)));
                var result = ComposeInterpolator.Interpolate(document, variables);
                return result.Problems.All(p => p.Code is ComposeProblemCodes.InterpolationError or ComposeProblemCodes.RequiredVariable or ComposeProblemCodes.VariableNotSet);
            },
            iter: 5000);
    }

    [Test]
    public void DotEnv_AnyText_OnlyEverThrowsComposeLoadException()
    {
        var pieces = Gen.OneOf("A", "=", ":", "\n", "\"", "'", "\\", "#", " #", "export ", " ", "${A}", "$", "{", "\t", "!", "\r\n", "B.c-d");
        pieces.Array[0, 15].Select(string.Concat).Sample(
            text =>
            {
                try
                {
                    DotEnvParser.Parse(text, ".env", _ => null);
                }
                catch (ComposeLoadException e) when (e.Location is { Line: > 0 })
                {
                }
            },
            iter: 5000,
            print: t => System.Text.Json.JsonSerializer.Serialize(t));
    }

    [Test]
    public void ReadServices_AnyDocument_NeverThrows() =>
        ComposeGenerators.Node.Sample(
            node =>
            {
                var service = node is ComposeMapping mapping ? mapping : ComposeMapping.Empty.Set("ports", node).Set("volumes", node).Set("environment", node);
                var root = ComposeMapping.Empty.Set("services", ComposeMapping.Empty.Set("s", service).Set("t", node));
                ComposeServices.Read(new ComposeDocument(root));
            },
            iter: 3000);
}
