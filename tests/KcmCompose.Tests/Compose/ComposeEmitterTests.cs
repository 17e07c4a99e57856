using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeEmitterTests
{
    private static string EmitValue(ComposeNode value) =>
        ComposeEmitter.Emit(new ComposeDocument(ComposeMapping.Empty.Set("k", value)));

    [TestCase("nginx", "k: nginx\n")]
    [TestCase("nginx:1.25", "k: nginx:1.25\n")]
    [TestCase("${TAG}", "k: ${TAG}\n")]
    [TestCase("", "k: \"\"\n")]
    [TestCase("on", "k: \"on\"\n")]
    [TestCase("Off", "k: \"Off\"\n")]
    [TestCase("Y", "k: \"Y\"\n")]
    [TestCase("n", "k: \"n\"\n")]
    [TestCase("yes", "k: \"yes\"\n")]
    [TestCase("NULL", "k: \"NULL\"\n")]
    [TestCase("~", "k: \"~\"\n")]
    [TestCase("true", "k: \"true\"\n")]
    [TestCase("80:80", "k: \"80:80\"\n")]
    [TestCase("22:22", "k: \"22:22\"\n")]
    [TestCase("0o17", "k: \"0o17\"\n")]
    [TestCase("017", "k: \"017\"\n")]
    [TestCase("0x1F", "k: \"0x1F\"\n")]
    [TestCase("1e3", "k: \"1e3\"\n")]
    [TestCase(".inf", "k: \".inf\"\n")]
    [TestCase("2001-12-14", "k: \"2001-12-14\"\n")]
    [TestCase("*a", "k: \"*a\"\n")]
    [TestCase("&a", "k: \"&a\"\n")]
    [TestCase("!a", "k: \"!a\"\n")]
    [TestCase("%a", "k: \"%a\"\n")]
    [TestCase("@a", "k: \"@a\"\n")]
    [TestCase("`a", "k: \"`a\"\n")]
    [TestCase("-a", "k: \"-a\"\n")]
    [TestCase("? a", "k: \"? a\"\n")]
    [TestCase(":a", "k: \":a\"\n")]
    [TestCase("|a", "k: \"|a\"\n")]
    [TestCase(">a", "k: \">a\"\n")]
    [TestCase("#a", "k: \"#a\"\n")]
    [TestCase("[a", "k: \"[a\"\n")]
    [TestCase("{a", "k: \"{a\"\n")]
    [TestCase("'a", "k: \"'a\"\n")]
    [TestCase("\"a", "k: '\"a'\n")]
    [TestCase("a: b", "k: \"a: b\"\n")]
    [TestCase("a #b", "k: \"a #b\"\n")]
    [TestCase("a#b", "k: a#b\n")]
    [TestCase(" a", "k: \" a\"\n")]
    [TestCase("a ", "k: \"a \"\n")]
    [TestCase("a\tb", "k: \"a\\tb\"\n")]
    [TestCase(" C:\\x", "k: ' C:\\x'\n")]
    [TestCase("C:\\x", "k: C:\\x\n")]
    [TestCase("a\u0001b", "k: \"a\\u0001b\"\n")]
    [TestCase("a\u0085b", "k: \"a\\Nb\"\n")]
    [TestCase("café ✓ 🙂 שלום", "k: café ✓ 🙂 שלום\n")]
    public void Emit_String_QuotesOnlyWhenAReaderCouldMisreadIt(string value, string expected) =>
        EmitValue(new ComposeScalar(value)).Should().Be(expected);

    [TestCase("3", ScalarType.Integer, "k: 3\n")]
    [TestCase("1.5", ScalarType.Float, "k: 1.5\n")]
    [TestCase("true", ScalarType.Boolean, "k: true\n")]
    [TestCase("", ScalarType.Null, "k:\n")]
    [TestCase("abc", ScalarType.Integer, "k: abc\n")]
    public void Emit_TypedScalar_IsPlain(string value, ScalarType type, string expected) =>
        EmitValue(new ComposeScalar(value, type)).Should().Be(expected);

    [TestCase("a\nb", "k: |-\n  a\n  b\n")]
    [TestCase("a\nb\n", "k: |\n  a\n  b\n")]
    [TestCase("a\nb\n\n", "k: |+\n  a\n  b\n\n")]
    [TestCase(" a\nb", "k: |2-\n   a\n  b\n")]
    [TestCase("\n\n a\nb", "k: |2-\n\n\n   a\n  b\n")]
    [TestCase("a \nb", "k: \"a \\nb\"\n")]
    [TestCase("a\tx\nb", "k: \"a\\tx\\nb\"\n")]
    [TestCase("a\r\nb", "k: \"a\\r\\nb\"\n")]
    [TestCase("\n", "k: \"\\n\"\n")]
    public void Emit_MultiLine_UsesLiteralBlockWhenExact(string value, string expected) =>
        EmitValue(new ComposeScalar(value)).Should().Be(expected);

    [Test]
    public void Emit_NestedStructure_UsesTwoSpaceBlockLayout()
    {
        const string yaml = """
            services:
              web:
                image: nginx
                ports:
                  - "80:80"
                  - target: 443
                    published: "8443"
                environment:
                  A: "1"
                command:
                  - - nested
                    - list
                  - []
                  - {}
                healthcheck: {}
            volumes:
              data:
            """;
        var document = ComposeDocument.Parse(yaml);

        var emitted = ComposeEmitter.Emit(document);

        emitted.Should().Be(yaml + "\n");
    }

    [Test]
    public void Emit_Version_IsNeverWritten()
    {
        var document = ComposeDocument.Parse("version: \"3.8\"\nservices: {}\n");

        ComposeEmitter.Emit(document).Should().Be("services: {}\n");
    }

    [Test]
    public void Emit_BlockScalarInSequence_RoundTrips()
    {
        var root = ComposeMapping.Empty.Set("k", new ComposeSequence([
            new ComposeScalar(" x\ny\n"),
            new ComposeMapping([new ComposeEntry(new ComposeScalar("a"), new ComposeScalar("p\n q\n\n"))]),
            new ComposeSequence([new ComposeScalar("  z\nw")]),
        ]));

        var emitted = ComposeEmitter.Emit(new ComposeDocument(root));

        ComposeDocument.Parse(emitted).Root.Should().Be(root, emitted);
    }

    [Test]
    public void Emit_KeysNeedingQuotes_AreQuoted()
    {
        var root = new ComposeMapping(ImmutableArray.Create(
            new ComposeEntry(new ComposeScalar("on"), new ComposeScalar("x")),
            new ComposeEntry(new ComposeScalar("80"), new ComposeScalar("x")),
            new ComposeEntry(new ComposeScalar("a\nb"), new ComposeScalar("x"))));

        var emitted = ComposeEmitter.Emit(new ComposeDocument(root));

        emitted.Should().Be("\"on\": x\n\"80\": x\n\"a\\nb\": x\n");
        ComposeDocument.Parse(emitted).Root.Should().Be(root);
    }

    [Test]
    public void Emit_VeryLongKey_UsesExplicitKeyAndRoundTrips()
    {
        var key = new string('k', 2000);
        var root = ComposeMapping.Empty
            .Set(key, ComposeMapping.Empty.Set("a", new ComposeScalar("1")))
            .Set("list", new ComposeSequence([ComposeMapping.Empty.Set(key, new ComposeScalar("x\ny"))]));

        var emitted = ComposeEmitter.Emit(new ComposeDocument(root));

        emitted.Should().StartWith("? kkk");
        ComposeDocument.Parse(emitted).Root.Should().Be(root);
    }
}
