using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeDocumentTests
{
    [Test]
    public void Parse_SimpleFile_GivesLocationsFromOne()
    {
        var document = ComposeDocument.Parse("services:\n  web:\n    image: nginx\n", "c.yml");

        var services = (ComposeMapping)document.Root["services"]!;
        var web = (ComposeMapping)services["web"]!;
        document.Root.Location.Should().Be(new SourceLocation("c.yml", 1, 1));
        services.Find("web")!.Key.Location.Should().Be(new SourceLocation("c.yml", 2, 3));
        web["image"]!.Location.Should().Be(new SourceLocation("c.yml", 3, 12));
    }

    [TestCase("a: 1", ScalarType.Integer, "1")]
    [TestCase("a: -12", ScalarType.Integer, "-12")]
    [TestCase("a: 0o17", ScalarType.Integer, "0o17")]
    [TestCase("a: 0x1F", ScalarType.Integer, "0x1F")]
    [TestCase("a: 1.5", ScalarType.Float, "1.5")]
    [TestCase("a: 1e3", ScalarType.Float, "1e3")]
    [TestCase("a: .inf", ScalarType.Float, ".inf")]
    [TestCase("a: -.Inf", ScalarType.Float, "-.Inf")]
    [TestCase("a: .NaN", ScalarType.Float, ".NaN")]
    [TestCase("a: true", ScalarType.Boolean, "true")]
    [TestCase("a: FALSE", ScalarType.Boolean, "FALSE")]
    [TestCase("a: on", ScalarType.String, "on")]
    [TestCase("a: yes", ScalarType.String, "yes")]
    [TestCase("a: 80:80", ScalarType.String, "80:80")]
    [TestCase("a: 0b11", ScalarType.String, "0b11")]
    [TestCase("a: 1_000", ScalarType.String, "1_000")]
    [TestCase("a: null", ScalarType.Null, "")]
    [TestCase("a: ~", ScalarType.Null, "")]
    [TestCase("a:", ScalarType.Null, "")]
    [TestCase("a: \"true\"", ScalarType.String, "true")]
    [TestCase("a: '1'", ScalarType.String, "1")]
    [TestCase("a: !!str 1", ScalarType.String, "1")]
    [TestCase("a: |\n  x\n  y\n", ScalarType.String, "x\ny\n")]
    public void Parse_Scalar_IsTypedByYaml12CoreSchema(string yaml, ScalarType type, string value)
    {
        var scalar = (ComposeScalar)ComposeDocument.Parse(yaml).Root["a"]!;

        scalar.Type.Should().Be(type);
        scalar.Value.Should().Be(value);
    }

    [TestCase("a: \"x\"", ScalarStyle.DoubleQuoted)]
    [TestCase("a: 'x'", ScalarStyle.SingleQuoted)]
    [TestCase("a: x", ScalarStyle.Plain)]
    [TestCase("a: |\n  x\n", ScalarStyle.Literal)]
    [TestCase("a: >\n  x\n", ScalarStyle.Folded)]
    public void Parse_Scalar_KeepsStyle(string yaml, ScalarStyle style) =>
        ((ComposeScalar)ComposeDocument.Parse(yaml).Root["a"]!).Style.Should().Be(style);

    [Test]
    public void Parse_AnchorsAndMerges_AreExpanded()
    {
        const string yaml = """
            x-base: &base
              image: nginx
              restart: always
            x-env: &env
              environment:
                A: "1"
            services:
              one:
                <<: *base
                restart: "no"
              two:
                <<: [*env, *base]
                ports: &ports
                  - "80:80"
              three:
                ports: *ports
            """;

        var services = (ComposeMapping)ComposeDocument.Parse(yaml).Root["services"]!;
        var one = (ComposeMapping)services["one"]!;
        var two = (ComposeMapping)services["two"]!;

        one.Entries.Select(e => e.Key.Value).Should().Equal("image", "restart");
        one["restart"].Should().Be(new ComposeScalar("no"));
        two.Entries.Select(e => e.Key.Value).Should().Equal("environment", "image", "restart", "ports");
        ((ComposeMapping)services["three"]!)["ports"].Should().Be(two["ports"]);
        ((ComposeMapping)services["three"]!)["ports"]!.Location!.Value.Line.Should().Be(16);
    }

    [Test]
    public void Parse_MergeListEarlierWins()
    {
        const string yaml = "a: &a {k: 1}\nb: &b {k: 2, j: 3}\nc:\n  <<: [*a, *b]\n";

        var c = (ComposeMapping)ComposeDocument.Parse(yaml).Root["c"]!;

        c["k"].Should().Be(new ComposeScalar("1", ScalarType.Integer));
        c["j"].Should().Be(new ComposeScalar("3", ScalarType.Integer));
    }

    [TestCase("", "empty", 1, 1)]
    [TestCase("# only a comment\n", "empty", 2, 1)]
    [TestCase("- a\n- b\n", "must be a mapping", 1, 1)]
    [TestCase("just text\n", "must be a mapping", 1, 1)]
    [TestCase("a: 1\na: 2\n", "Duplicate key 'a'", 2, 1)]
    [TestCase("a:\n  b: 1\n c: 2\n", "Invalid YAML", 3, 2)]
    [TestCase("a: \"unterminated\n", "Invalid YAML", 1, 4)]
    [TestCase("a: *nope\n", "refers to no anchor", 1, 4)]
    [TestCase("a: 1\n---\nb: 2\n", "more than one YAML document", 2, 1)]
    [TestCase("a:\n  <<: scalar\n", "merge key", 2, 7)]
    [TestCase("? [a]\n: 1\n", "key must be", 1, 3)]
    public void Parse_BadInput_ThrowsWithLocation(string yaml, string message, int line, int column)
    {
        var act = () => ComposeDocument.Parse(yaml, "bad.yml");

        var error = act.Should().Throw<ComposeLoadException>().Which;
        error.Message.Should().Contain(message).And.StartWith($"bad.yml:{line}:{column}:");
        error.Location.Should().Be(new SourceLocation("bad.yml", line, column));
        error.Fix.Should().NotBeEmpty();
    }

    [Test]
    public void Parse_BillionLaughs_IsRefused()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append("a" + i + ": &a" + i + " [");
            yaml.AppendJoin(", ", Enumerable.Repeat("*a" + (i - 1), 10));
            yaml.Append("]\n");
        }

        var act = () => ComposeDocument.Parse(yaml.ToString());

        act.Should().Throw<ComposeLoadException>().WithMessage("*alias bomb*").Which.Location.Should().NotBeNull();
    }

    [Test]
    public void Parse_DeepNesting_IsRefusedWithoutStackOverflow()
    {
        var yaml = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var act = () => ComposeDocument.Parse(yaml);

        act.Should().Throw<ComposeLoadException>().WithMessage("*deeper than 256*");
    }

    [Test]
    public void Parse_DeepNestingThroughAliases_IsRefused()
    {
        var yaml = new System.Text.StringBuilder("a0: &a0 " + new string('[', 200) + new string(']', 200) + "\n");
        yaml.Append("a1: &a1 " + new string('[', 100) + "*a0" + new string(']', 100) + "\n");

        var act = () => ComposeDocument.Parse(yaml.ToString());

        act.Should().Throw<ComposeLoadException>().WithMessage("*deeper than 256*");
    }

    [Test]
    public async Task LoadAsync_InvalidUtf8_ReportsLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kcm-compose-{Guid.NewGuid():N}.yml");
        await File.WriteAllBytesAsync(path, [.. "services:\n  a: caf"u8, 0xE9, .. "\n"u8]);
        try
        {
            var act = () => ComposeDocument.LoadAsync(path);

            var error = (await act.Should().ThrowAsync<ComposeLoadException>()).Which;
            error.Message.Should().Contain("not valid UTF-8");
            error.Location.Should().Be(new SourceLocation(path, 2, 9));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task LoadAsync_MissingFile_ThrowsLoadException()
    {
        var act = () => ComposeDocument.LoadAsync("/no/such/compose.yml");

        (await act.Should().ThrowAsync<ComposeLoadException>()).Which.Message.Should().Contain("/no/such/compose.yml");
    }

    [Test]
    public void Parse_BillionLaughsInSequencesOnly_IsRefused()
    {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 30; i++)
        {
            yaml += "a" + i + ": &a" + i + " [*a" + (i - 1) + ", *a" + (i - 1) + ", *a" + (i - 1) + "]\n";
        }

        var act = () => ComposeDocument.Parse(yaml);

        act.Should().Throw<ComposeLoadException>().WithMessage("*alias bomb*");
    }

    [Test]
    public void Parse_LargeHonestDocument_IsNotMistakenForABomb()
    {
        var yaml = new System.Text.StringBuilder("services:\n");
        for (var i = 0; i < 30_000; i++)
        {
            yaml.Append("  s").Append(i).Append(":\n    image: nginx\n    environment:\n      A: \"1\"\n");
        }

        var document = ComposeDocument.Parse(yaml.ToString());

        ((ComposeMapping)document.Root["services"]!).Entries.Should().HaveCount(30_000);
    }

    [Test]
    public void Parse_AliasReusedManyTimesWithinTheCap_IsAccepted()
    {
        var yaml = "x: &x {a: 1, b: [1, 2, 3]}\nlist: [" + string.Join(", ", Enumerable.Repeat("*x", 10_000)) + "]\n";

        var document = ComposeDocument.Parse(yaml);

        ((ComposeSequence)document.Root["list"]!).Items.Should().HaveCount(10_000).And.OnlyContain(item => item.Equals(document.Root["x"]));
    }
}
