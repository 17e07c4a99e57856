using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeEnvironmentTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"kcm-compose-env-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "compose.yml"), "services: {}\n");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private async Task<IReadOnlyDictionary<string, string>> Load(string envText, Dictionary<string, string>? process = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, ".env"), envText);
        return await ComposeEnvironment.LoadAsync(Path.Combine(_folder, "compose.yml"), processEnvironment: process ?? []);
    }

    // The expected values are what docker compose v2.26 printed for the same file.
    [TestCase("export EXP=exported", "EXP", "exported")]
    [TestCase("PLAIN=hello world # trailing comment", "PLAIN", "hello world")]
    [TestCase("HASH=a#b", "HASH", "a#b")]
    [TestCase("SQ='single $PLAIN \\n'", "SQ", "single $PLAIN \\n")]
    [TestCase("P=hi\nDQ=\"double ${P}\\tx\\n\\$LIT\"", "DQ", "double hi\tx\n$LIT")]
    [TestCase("P=hi\nE=ex\nREF=${P:-none}-$E", "REF", "hi-ex")]
    [TestCase("YAML: colon", "YAML", "colon")]
    [TestCase("EMPTY=", "EMPTY", "")]
    [TestCase("SPACED  =  value  ", "SPACED", "value")]
    [TestCase("MULTI=\"line1\nline2\"", "MULTI", "line1\nline2")]
    [TestCase("# comment\n\n  A=1\r\n", "A", "1")]
    [TestCase("OCT=\"\\0101\"", "OCT", "A")]
    [TestCase("Q='it\\'s'", "Q", "it's")]
    [TestCase("D=$$x", "D", "$x")]
    public async Task LoadAsync_DotEnvLine_ParsesAsCompose(string envText, string key, string expected)
    {
        var variables = await Load(envText);

        variables.Should().ContainKey(key).WhoseValue.Should().Be(expected);
    }

    [Test]
    public async Task LoadAsync_ProcessEnvironment_WinsAndFeedsInterpolationAndBareKeys()
    {
        var variables = await Load(
            "OVER=file\nFROMPROC=${PROC}\nINH\nMISSING_INH\n1DIGIT=x\n",
            new Dictionary<string, string> { ["OVER"] = "process", ["PROC"] = "proc", ["INH"] = "inherited" });

        variables["OVER"].Should().Be("process");
        variables["FROMPROC"].Should().Be("proc");
        variables["INH"].Should().Be("inherited");
        variables.Should().NotContainKey("MISSING_INH").And.NotContainKey("1DIGIT");
    }

    [Test]
    public async Task LoadAsync_NoDotEnv_GivesProcessEnvironment()
    {
        var variables = await ComposeEnvironment.LoadAsync(
            Path.Combine(_folder, "compose.yml"),
            processEnvironment: new Dictionary<string, string> { ["A"] = "1" });

        variables.Should().Equal(new Dictionary<string, string> { ["A"] = "1" });
    }

    [Test]
    public async Task LoadAsync_ExplicitEnvFile_IsUsedInsteadOfDotEnv()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, ".env"), "A=dotenv\n");
        var explicitFile = Path.Combine(_folder, "prod.env");
        await File.WriteAllTextAsync(explicitFile, "A=prod\n");

        var variables = await ComposeEnvironment.LoadAsync(Path.Combine(_folder, "compose.yml"), explicitFile, new Dictionary<string, string>());

        variables["A"].Should().Be("prod");
    }

    [Test]
    public async Task LoadAsync_MissingExplicitEnvFile_Throws()
    {
        var act = () => ComposeEnvironment.LoadAsync(Path.Combine(_folder, "compose.yml"), Path.Combine(_folder, "nope.env"), new Dictionary<string, string>());

        (await act.Should().ThrowAsync<ComposeLoadException>()).Which.Message.Should().Contain("nope.env");
    }

    [TestCase("A=1\nB C=2\n", 2, 1, "space")]
    [TestCase("A=1\n\nB!=2\n", 3, 2, "Unexpected character '!'")]
    [TestCase("A=1\nB=\"open\n", 2, 3, "never closed")]
    [TestCase("A=${B\n", 1, 3, "never closed")]
    [TestCase("A=${B:x}\n", 1, 3, "not a form")]
    [TestCase("A=${B:?must be set}\n", 1, 3, "must be set")]
    public async Task LoadAsync_BadLine_ThrowsWithFileAndLine(string envText, int line, int column, string message)
    {
        var act = () => Load(envText);

        var error = (await act.Should().ThrowAsync<ComposeLoadException>()).Which;
        error.Location.Should().Be(new SourceLocation(Path.Combine(_folder, ".env"), line, column));
        error.Message.Should().Contain(message);
    }
}
