using System.Diagnostics;
using System.Text;
using KcmCompose.Cli;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary>Nothing crashes or hangs: every hostile file ends with diagnostics (or exit 2) in bounded time.</summary>
[NonParallelizable]
public class HostileInputTests
{
    private static readonly TimeSpan _budget = TimeSpan.FromSeconds(20);
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kcm-validate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private async Task<ValidationReport> ValidateBytesAsync(byte[] content)
    {
        var path = Path.Combine(_folder, "docker-compose.yml");
        await File.WriteAllBytesAsync(path, content);
        var watch = Stopwatch.StartNew();
        var task = ComposeValidator.ValidateFileAsync(path, new ComposeValidatorOptions { ProcessEnvironment = new Dictionary<string, string>() });
        var finished = await Task.WhenAny(task, Task.Delay(_budget));
        finished.Should().BeSameAs(task, "validation must end within {0}", _budget);
        watch.Elapsed.Should().BeLessThan(_budget);
        return await task;
    }

    [Test]
    public async Task ValidateFileAsync_BinaryGarbage_ReportsAnError()
    {
        var random = new Random(42);
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);

        var report = await ValidateBytesAsync(bytes);

        report.IsValid.Should().BeFalse();
        report.Diagnostics.Should().Contain(d => d.Code == "invalid-encoding" || d.Code == "yaml-syntax");
    }

    [Test]
    public async Task ValidateFileAsync_ControlCharactersInValidUtf8_ReportsYamlSyntax()
    {
        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes("services:\n  a:\u0001\u0002 [\u0007\n"));

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("yaml-syntax");
    }

    [Test]
    public async Task ValidateFileAsync_InvalidUtf8_ReportsInvalidEncodingAtTheBadByte()
    {
        var bytes = Encoding.UTF8.GetBytes("services:\n  web:\n    image: caf\u00e9\n").ToList();
        bytes.InsertRange(bytes.Count - 1, new byte[] { 0xC3, 0x28 }); // 0xC3 0x28 is not a UTF-8 sequence

        var report = await ValidateBytesAsync([.. bytes]);

        var diagnostic = report.Diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be("invalid-encoding");
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Line.Should().Be(3);
        diagnostic.Column.Should().Be(16);
    }

    [Test]
    public async Task ValidateFileAsync_FiftyMegabyteFile_ReportsFileTooLargeWithoutParsing()
    {
        var line = Encoding.UTF8.GetBytes("# padding padding padding padding padding padding padding padding\n");
        var content = new byte[50 * 1024 * 1024];
        for (var i = 0; i + line.Length <= content.Length; i += line.Length)
        {
            line.CopyTo(content, i);
        }

        var report = await ValidateBytesAsync(content);

        var diagnostic = report.Diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be("file-too-large");
        diagnostic.Line.Should().Be(1);
    }

    [Test]
    public async Task ValidateFileAsync_LargeButAllowedFile_EndsWithDiagnostics()
    {
        // 1 MB of services: under the size limit, so it is parsed and checked in full.
        var text = new StringBuilder("services:\n");
        for (var i = 0; text.Length < 1_000_000; i++)
        {
            text.Append("  s").Append(i).Append(":\n    image: nginx\n    restart: sometimes\n");
        }

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text.ToString()));

        report.Diagnostics.Should().NotBeEmpty().And.OnlyContain(d => d.Code == "invalid-restart");
    }

    [Test]
    public async Task ValidateFileAsync_DeeplyNestedYaml_ReportsYamlSyntax()
    {
        var depth = 100_000;
        var text = "services: " + new string('[', depth) + new string(']', depth) + "\n";

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text));

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("yaml-syntax");
    }

    [Test]
    public async Task ValidateFileAsync_DeeplyNestedBlockMappings_ReportsYamlSyntax()
    {
        var text = new StringBuilder("services:\n");
        for (var i = 1; i < 2_000; i++)
        {
            text.Append(' ', i).Append('k').Append(i).Append(":\n");
        }

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text.ToString()));

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("yaml-syntax");
    }

    [Test]
    public async Task ValidateFileAsync_BillionLaughs_ReportsYamlSyntax()
    {
        var text = new StringBuilder("x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            text.Append("x-a").Append(i).Append(": &a").Append(i).Append(" [")
                .AppendJoin(", ", Enumerable.Repeat("*a" + (i - 1), 10)).Append("]\n");
        }

        text.Append("services:\n  web:\n    image: nginx\n    command: *a9\n");

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text.ToString()));

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("yaml-syntax");
    }

    [Test]
    public async Task ValidateFileAsync_ManyDependsOnInAChain_ReportsTheCycleWithoutOverflowingTheStack()
    {
        var text = new StringBuilder("services:\n");
        const int count = 20_000;
        for (var i = 0; i < count; i++)
        {
            text.Append("  s").Append(i).Append(":\n    image: nginx\n    depends_on: [s").Append((i + 1) % count).Append("]\n");
        }

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text.ToString()));

        report.Diagnostics.Should().ContainSingle().Which.Code.Should().Be("depends-on-cycle");
    }

    [Test]
    public async Task ValidateFileAsync_HugePortRanges_EndsInBoundedTime()
    {
        var text = new StringBuilder("services:\n");
        for (var i = 0; i < 200; i++)
        {
            text.Append("  s").Append(i).Append(":\n    image: nginx\n    ports: [\"1-65535:1-65535\"]\n");
        }

        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text.ToString()));

        report.Diagnostics.Should().Contain(d => d.Code == "port-conflict");
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("- a\n- b\n")]
    [TestCase("just text")]
    [TestCase("services: [\n")]
    [TestCase("services:\n  a: *nope\n")]
    [TestCase("a: 1\n---\nb: 2\n")]
    [TestCase("services:\n  web:\n    ports: [\"443:443\"!]\n")]
    [TestCase("!!a[L@S= c1\n")]
    public async Task ValidateFileAsync_NotAComposeMapping_ReportsYamlSyntax(string text)
    {
        var report = await ValidateBytesAsync(Encoding.UTF8.GetBytes(text));

        var diagnostic = report.Diagnostics.Should().ContainSingle().Which;
        diagnostic.Code.Should().Be("yaml-syntax");
        diagnostic.Line.Should().BeGreaterThan(0);
        diagnostic.Column.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Cli_BinaryGarbage_ExitsOneWithADiagnosticLine()
    {
        var random = new Random(7);
        var bytes = new byte[4096];
        random.NextBytes(bytes);
        var path = Path.Combine(_folder, "garbage.yml");
        await File.WriteAllBytesAsync(path, bytes);

        var (exit, output, _) = await CliRunner.RunAsync("validate", path);

        exit.Should().Be(ExitCodes.Failed);
        output.Should().Contain(path + ":");
    }
}
