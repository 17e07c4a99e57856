using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class ComposeVariablesTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["HOST"] = "kcm.example", ["EMPTY"] = "" };

    [TestCase("plain", "plain")]
    [TestCase("$HOST", "kcm.example")]
    [TestCase("${HOST}:443", "kcm.example:443")]
    [TestCase("${MISSING:-fallback}", "fallback")]
    [TestCase("${EMPTY:-fallback}", "fallback")]
    [TestCase("${EMPTY-fallback}", "")]
    [TestCase("${HOST:+set}", "set")]
    [TestCase("${MISSING}", "")]
    [TestCase("$$HOST", "$HOST")]
    [TestCase("a$$b", "a$b")]
    public void Interpolate_ComposeSyntax_Expands(string text, string expected) =>
        ComposeVariables.Interpolate(text, Variables).Should().Be(expected);

    [TestCase("${MISSING:?set MISSING}")]
    [TestCase("${HOST")]
    public void Interpolate_RequiredUnsetOrUnclosed_Throws(string text)
    {
        var act = () => ComposeVariables.Interpolate(text, Variables);

        act.Should().Throw<FormatException>();
    }

    [Test]
    public void ParseEnvFile_CommentsQuotesAndExport_AreHandled()
    {
        var parsed = ComposeVariables.ParseEnvFile(["# comment", "", "A=1", "export B = two ", "C=\"quoted value\"", "noequals"]);

        parsed.Select(p => $"{p.Key}={p.Value}").Should().Equal("A=1", "B=two", "C=quoted value");
    }
}
