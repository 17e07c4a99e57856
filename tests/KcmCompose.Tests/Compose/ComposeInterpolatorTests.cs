using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeInterpolatorTests
{
    private static readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal)
    {
        ["SET"] = "value",
        ["EMPTY"] = string.Empty,
        ["B"] = "bee",
        ["lower_1"] = "low",
    };

    private static InterpolationResult InterpolateValue(string text) =>
        ComposeInterpolator.Interpolate(ComposeDocument.Parse($"services:\n  t:\n    x: '{text.Replace("'", "''", StringComparison.Ordinal)}'\n", "c.yml"), _variables);

    private static string ValueOf(InterpolationResult result) =>
        ((ComposeScalar)((ComposeMapping)((ComposeMapping)result.Document.Root["services"]!)["t"]!)["x"]!).Value;

    [TestCase("plain", "plain")]
    [TestCase("$SET", "value")]
    [TestCase("${SET}", "value")]
    [TestCase("a${SET}b$SET.c", "avaluebvalue.c")]
    [TestCase("$lower_1", "low")]
    [TestCase("$SET_x-y", "-y")]
    [TestCase("${UNSET:-d}", "d")]
    [TestCase("${EMPTY:-d}", "d")]
    [TestCase("${SET:-d}", "value")]
    [TestCase("${UNSET-d}", "d")]
    [TestCase("${EMPTY-d}", "")]
    [TestCase("${SET:+alt}", "alt")]
    [TestCase("${EMPTY:+alt}", "")]
    [TestCase("${UNSET:+alt}", "")]
    [TestCase("${SET+alt}", "alt")]
    [TestCase("${EMPTY+alt}", "alt")]
    [TestCase("${UNSET+alt}", "")]
    [TestCase("${SET:?boom}", "value")]
    [TestCase("${EMPTY?boom}", "")]
    [TestCase("${UNSET:-${B:-x}}", "bee")]
    [TestCase("${UNSET:-${ALSO_UNSET:-x}}", "x")]
    [TestCase("${UNSET:-a}}", "a}")]
    [TestCase("${UNSET:-$$}", "$")]
    [TestCase("${UNSET:-a-b:c}", "a-b:c")]
    [TestCase("$$", "$")]
    [TestCase("$$SET", "$SET")]
    [TestCase("$${SET}", "${SET}")]
    [TestCase("a$1", "a$1")]
    [TestCase("a$ b", "a$ b")]
    [TestCase("a$", "a$")]
    [TestCase("100%$", "100%$")]
    public void Interpolate_Form_GivesWhatComposeGives(string text, string expected)
    {
        var result = InterpolateValue(text);

        ValueOf(result).Should().Be(expected);
        result.Problems.Where(p => p.Code != ComposeProblemCodes.VariableNotSet).Should().BeEmpty();
    }

    [TestCase("${V:x}")]
    [TestCase("${}")]
    [TestCase("${V")]
    [TestCase("${1V}")]
    [TestCase("${V:}")]
    [TestCase("${:-x}")]
    [TestCase("${UNSET:-${}}")]
    [TestCase("${V x}")]
    public void Interpolate_UnknownForm_ReportsInterpolationErrorAtTheScalar(string text)
    {
        var result = InterpolateValue(text);

        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Code.Should().Be(ComposeProblemCodes.InterpolationError);
        problem.Location.Should().Be(new SourceLocation("c.yml", 3, 8));
        problem.Path.Should().Be("services.t.x");
        problem.Value.Should().Be(text);
        problem.Message.Should().Contain(text);
        problem.Fix.Should().Contain("$$");
        ValueOf(result).Should().Be(text);
        result.Succeeded.Should().BeFalse();
    }

    [TestCase("${UNSET:?set it please}", "UNSET", "not set: set it please")]
    [TestCase("${EMPTY:?need ${B}}", "EMPTY", "empty: need bee")]
    [TestCase("${UNSET?why}", "UNSET", "not set: why")]
    public void Interpolate_RequiredMissing_NamesVariableAndMessage(string text, string variable, string message)
    {
        var problem = InterpolateValue(text).Problems.Should().ContainSingle().Which;

        problem.Code.Should().Be(ComposeProblemCodes.RequiredVariable);
        problem.Message.Should().Contain(variable).And.EndWith(message);
    }

    [Test]
    public void Interpolate_UnsetPlainVariables_AreEmptyAndRecordedOnce()
    {
        var result = InterpolateValue("$NOPE-${NOPE}-${OTHER}");

        ValueOf(result).Should().Be("--");
        result.UnsetVariables.Should().Equal("NOPE", "OTHER");
        result.Problems.Should().HaveCount(3).And.OnlyContain(p => p.Code == ComposeProblemCodes.VariableNotSet);
        result.Succeeded.Should().BeTrue();
    }

    [Test]
    public void Interpolate_KeysAndNonStrings_AreLeftAlone()
    {
        var document = ComposeDocument.Parse("services:\n  $SET:\n    image: ${SET}\n    num: 3\n    list: [a, $B]\n");

        var result = ComposeInterpolator.Interpolate(document, _variables);

        var emitted = ComposeEmitter.Emit(result.Document);
        emitted.Should().Be("services:\n  $SET:\n    image: value\n    num: 3\n    list:\n      - a\n      - bee\n");
        ((ComposeMapping)result.Document.Root["services"]!)["$SET"]!.Location!.Value.Line.Should().Be(3);
    }

    [Test]
    public void Interpolate_NoDollar_ReturnsTheSameDocument()
    {
        var document = ComposeDocument.Parse("services:\n  a:\n    image: nginx\n");

        ComposeInterpolator.Interpolate(document, _variables).Document.Should().BeSameAs(document);
    }

    [TestCase("a$b", "a$$b")]
    [TestCase("$$", "$$$$")]
    [TestCase("none", "none")]
    public void Escape_DoublesDollars_AndInterpolatesBackToTheLiteral(string literal, string escaped)
    {
        ComposeText.Escape(literal).Should().Be(escaped);
        ValueOf(InterpolateValue(ComposeText.Escape(literal))).Should().Be(literal);
    }

    [Test]
    public void Placeholder_WithAndWithoutDefault()
    {
        ComposeText.Placeholder("CA_FILE").Should().Be("${CA_FILE}");
        ComposeText.Placeholder("CA_FILE", "/etc/ca.pem").Should().Be("${CA_FILE:-/etc/ca.pem}");
        ValueOf(InterpolateValue(ComposeText.Placeholder("UNSET", "d"))).Should().Be("d");
        FluentActions.Invoking(() => ComposeText.Placeholder("1X")).Should().Throw<ArgumentException>();
    }
}
