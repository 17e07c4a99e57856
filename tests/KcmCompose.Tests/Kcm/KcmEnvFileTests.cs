using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public sealed class KcmEnvFileTests
{
    private string _folder = null!;

    private string EnvPath => Path.Combine(_folder, ".env");

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("kcm-envfile-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task EnsureAsync_NoFile_CreatesItOwnerOnlyWithEveryVariable()
    {
        var result = await KcmEnvFile.EnsureAsync(EnvPath, ["A_PASSWORD", "B_PASSWORD"]);

        result.Created.Should().BeTrue();
        result.Added.Should().Equal("A_PASSWORD", "B_PASSWORD");
        var values = DotEnvParser.Parse(await File.ReadAllTextAsync(EnvPath), EnvPath, _ => null);
        values.Keys.Should().BeEquivalentTo(["A_PASSWORD", "B_PASSWORD"]);
        values.Values.Should().OnlyHaveUniqueItems().And.OnlyContain(v => v.Length == 24 && v.All(char.IsAsciiLetterOrDigit));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(EnvPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.GetFiles(_folder).Should().ContainSingle("no temporary file is left behind");
    }

    [Test]
    public async Task EnsureAsync_EveryVariableDefined_WritesNothing()
    {
        await File.WriteAllTextAsync(EnvPath, "A_PASSWORD=one\nB_PASSWORD=\"two\"\n");
        var before = File.GetLastWriteTimeUtc(EnvPath);
        File.SetLastWriteTimeUtc(EnvPath, before.AddHours(-1));

        var result = await KcmEnvFile.EnsureAsync(EnvPath, ["A_PASSWORD", "B_PASSWORD"]);

        result.Changed.Should().BeFalse();
        result.Kept.Should().Equal("A_PASSWORD", "B_PASSWORD");
        File.GetLastWriteTimeUtc(EnvPath).Should().Be(before.AddHours(-1));
        (await File.ReadAllTextAsync(EnvPath)).Should().Be("A_PASSWORD=one\nB_PASSWORD=\"two\"\n");
    }

    [Test]
    public async Task EnsureAsync_SuppliedSource_IsAskedOnlyForMissingVariablesAndQuotedSafely()
    {
        await File.WriteAllTextAsync(EnvPath, "A_PASSWORD=one");
        var source = new RecordingSource(name => name == "B_PASSWORD" ? "with space #and $dollar" : "plain-value_1");

        var result = await KcmEnvFile.EnsureAsync(EnvPath, ["A_PASSWORD", "B_PASSWORD", "C_PASSWORD"], source);

        source.Asked.Should().Equal("B_PASSWORD", "C_PASSWORD");
        result.Added.Should().Equal("B_PASSWORD", "C_PASSWORD");
        var values = DotEnvParser.Parse(await File.ReadAllTextAsync(EnvPath), EnvPath, _ => null);
        values["A_PASSWORD"].Should().Be("one");
        values["B_PASSWORD"].Should().Be("with space #and $dollar", "a value that needs quoting is single-quoted, which Compose reads literally");
        values["C_PASSWORD"].Should().Be("plain-value_1");
    }

    [TestCase("")]
    [TestCase("two\nlines")]
    [TestCase("it's \"both\" quoted")]
    public async Task EnsureAsync_SourceGivesUnwritableValue_ThrowsNamingTheVariableAndWritesNothing(string value)
    {
        var act = () => KcmEnvFile.EnsureAsync(EnvPath, ["A_PASSWORD"], new RecordingSource(_ => value));

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("A_PASSWORD");
        File.Exists(EnvPath).Should().BeFalse();
    }

    [Test]
    public async Task EnsureAsync_FifoInPlaceOfTheFile_FailsWithoutBlocking()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("FIFOs are a Unix feature.");
        }

        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", EnvPath);
        await mkfifo.WaitForExitAsync();

        var act = () => KcmEnvFile.EnsureAsync(EnvPath, ["A_PASSWORD"]);

        (await act.Should().ThrowAsync<IOException>().WaitAsync(TimeSpan.FromSeconds(20))).Which.Message.Should().Contain(EnvPath);
    }

    [Test]
    public async Task EnsureAsync_NotAVariableName_ThrowsAndWritesNothing()
    {
        var act = () => KcmEnvFile.EnsureAsync(EnvPath, ["1BAD"]);

        await act.Should().ThrowAsync<ArgumentException>();
        File.Exists(EnvPath).Should().BeFalse();
    }

    private sealed class RecordingSource(Func<string, string> value) : IKcmSecretSource
    {
        public List<string> Asked { get; } = [];

        public string CreateSecret(string variable)
        {
            Asked.Add(variable);
            return value(variable);
        }
    }
}
