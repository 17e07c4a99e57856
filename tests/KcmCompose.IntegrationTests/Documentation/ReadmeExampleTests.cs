using System.Text.RegularExpressions;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Documentation;

/// <summary>The README's example block, run as written (bash, -e) in an empty folder with the built tool on the PATH as <c>kcm-compose</c>.</summary>
public sealed partial class ReadmeExampleTests
{
    [Test]
    public void Example_RunsAsWrittenInAnEmptyFolder()
    {
        var bash = Requires.Program("bash");
        var root = Directory.GetParent(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "KcmCompose.sln")))
        {
            root = root.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md"));
        var match = ExampleBlock().Match(readme);
        match.Success.Should().BeTrue("README.md marks its example with <!-- readme-example --> before a ```sh block");
        var script = match.Groups[1].Value;
        script.Should().Contain("kcm-compose init");

        var folder = Directory.CreateTempSubdirectory("kcm-readme-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(folder, ".bin")).FullName;
            var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "kcm-compose");
            File.Exists(tool).Should().BeTrue("the tool's apphost is built next to the tests");
            File.CreateSymbolicLink(Path.Combine(bin, "kcm-compose"), tool);
            var work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
            var environment = ProcessRunner.CleanEnvironment();
            environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");

            var result = ProcessRunner.Run(bash, ["-euo", "pipefail", "-c", script], work, environment, timeout: TimeSpan.FromMinutes(3));

            result.ExitCode.Should().Be(0, $"every step of the README example must succeed:\n{script}\n{result}");
            result.StandardOutput.Should().Contain("0 errors").And.Contain("Accepted").And.Contain("Issued bob");
            File.Exists(Path.Combine(work, "kcm", "secrets", "bob.pass")).Should().BeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex("<!-- readme-example -->\\s*```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
