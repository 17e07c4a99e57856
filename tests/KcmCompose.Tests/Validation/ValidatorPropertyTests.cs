using CsCheck;
using KcmCompose.Compose;
using KcmCompose.Tests.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>The validator never throws: any text, any mutation of a real stack, any generated document ends in a report.</summary>
public class ValidatorPropertyTests
{
    private static readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal) { ["SET"] = "value" };

    private const string _yamlSignificant = ":-[]{}&*!|>'\"%@`#,?$ \n\t=/.0123456789yYnNoO\\";

    /// <summary>The valid stack with a few characters inserted, deleted or replaced at random places.</summary>
    private static readonly Gen<string> _mutatedStack =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[0, 2], Gen.Char[_yamlSignificant], Gen.Int[1, 4])
            .Array[1, 6]
            .Select(edits =>
            {
                var text = ValidationFixtures.ValidKcmStack;
                foreach (var (at, kind, c, length) in edits)
                {
                    var i = at % (text.Length + 1);
                    text = kind switch
                    {
                        0 => text.Insert(i, new string(c, length)),
                        1 => text.Remove(i, Math.Min(length, text.Length - i)),
                        _ => i < text.Length ? text.Remove(i, 1).Insert(i, c.ToString()) : text + c,
                    };
                }

                return text;
            });

    private static bool EndsInAReport(string yaml)
    {
        var report = ComposeValidator.ValidateText(yaml, "docker-compose.yml", _variables);
        return report.Diagnostics.All(d => d.Line >= 1 && d.Column >= 1 && d.Code.Length > 0 && d.Message.Length > 0 && d.Fix.Length > 0)
            && ValidationReportWriter.ToSarif(report).Length > 0;
    }

    [Test]
    public void ValidateText_MutatedKcmStack_NeverThrows() =>
        _mutatedStack.Sample(EndsInAReport, iter: 2000, print: s => s);

    [Test]
    public void ValidateText_RandomYamlishText_NeverThrows() =>
        Gen.String[Gen.Char[_yamlSignificant + "abcSLx"], 0, 200].Sample(EndsInAReport, iter: 3000, print: s => s);

    [Test]
    public void Validate_GeneratedDocument_NeverThrows() =>
        ComposeGenerators.Document.Sample(
            document => ComposeValidator.Validate(document, _variables).Diagnostics.All(d => d.Line >= 1),
            iter: 1000,
            print: d => ComposeEmitter.Emit(d));
}
