using KcmCompose.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>
/// <see cref="SourceText.Locate"/> maps a value offset through the scalar's layout when the value stands verbatim in
/// the file; the answer must be the one the scan (count earlier occurrences, find as many in the text) gives.
/// </summary>
public class SourceTextTests
{
    private static readonly string[] Documents =
    [
        "a: plain $x value $x\n",
        "a: 'single $x $x'\nb: \"double $x\\t$x\"\nc: 'it''s $x'\n",
        "a: |\n  set $v 1; }\n  set $v 2; }\n\n    more $v indented\n  last $v\nb: after $v\n",
        "a: |  # comment $v here\n  one $v\n  two $v\n",
        "a: |+\n    keep $a\n\n    $a end\n\n\nb: x\n",
        "a: >\n  folded $f\n  text $f\n",
        "a: plain\n  multi $m\n\n  line $m\n",
        "a: |\r\n  crlf $c\r\n  two $c }\r\n",
        "x:\n  y:\n    - |\n      deep $d $d\n      $d\n    - \"q $d\"\n",
        "a: \"'x' 'x\"\nb: \"\\\"q\\\" q\"\n",
    ];

    [TestCaseSource(nameof(Documents))]
    public void Locate_EveryOffsetAndLength_SameAsScan(string yaml)
    {
        var document = ComposeDocument.Parse(yaml, "docker-compose.yml");
        var source = new SourceText(yaml);
        var checkedPieces = 0;
        foreach (var scalar in Scalars(document.Root))
        {
            for (var offset = 0; offset < scalar.Value.Length; offset++)
            {
                for (var length = 1; length <= 4 && offset + length <= scalar.Value.Length; length++)
                {
                    source.Locate(scalar, offset, length).Should().Be(
                        source.LocateByScan(scalar, offset, length),
                        $"'{scalar.Value[offset..(offset + length)]}' at {offset} of '{scalar.Value}'");
                    checkedPieces++;
                }
            }
        }

        checkedPieces.Should().BeGreaterThan(10);
    }

    [Test]
    public void Locate_PlaceholderInLiteralBlock_PointsAtItsLineAndColumn()
    {
        const string yaml = "a: |\n  set $v 1;\n  set $v 2;\n";
        var scalar = (ComposeScalar)ComposeDocument.Parse(yaml, "f.yml").Root["a"]!;

        new SourceText(yaml).Locate(scalar, scalar.Value.LastIndexOf('$'), 2).Should().Be(new SourceLocation("f.yml", 3, 7));
    }

    [Test]
    public void Locate_EscapedValueFullOfPlaceholders_ScansWithinABudgetThenApproximates()
    {
        var yaml = "a: \"\\t" + string.Concat(Enumerable.Repeat("$v ", 20_000)) + "\"\n";
        var scalar = (ComposeScalar)ComposeDocument.Parse(yaml, "f.yml").Root["a"]!;
        var source = new SourceText(yaml);
        var offsets = Enumerable.Range(0, scalar.Value.Length).Where(i => scalar.Value[i] == '$').ToList();

        var located = offsets.Select(o => source.Locate(scalar, o, 2)).ToList();

        located[0].Should().Be(new SourceLocation("f.yml", 1, 7));
        located[1].Should().Be(new SourceLocation("f.yml", 1, 10));
        var last = 3 * (offsets.Count - 1);
        source.LocateByScan(scalar, offsets[^1], 2).Should().Be(new SourceLocation("f.yml", 1, 7 + last));
        located[^1].Should().Be(new SourceLocation("f.yml", 1, 5 + last), "past the budget: start plus offset, before the quote and escape");
        located.Select((l, k) => l?.Column == 7 + (3 * k)).Count(exact => exact).Should().BeLessThan(200);
        located.Distinct().Should().HaveCount(located.Count);
    }

    private static IEnumerable<ComposeScalar> Scalars(ComposeNode node) => node switch
    {
        ComposeScalar scalar => [scalar],
        ComposeSequence sequence => sequence.Items.SelectMany(Scalars),
        ComposeMapping mapping => mapping.Entries.SelectMany(e => Scalars(e.Key).Concat(Scalars(e.Value))),
        _ => [],
    };
}
