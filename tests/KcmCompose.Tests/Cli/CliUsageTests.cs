using System.Diagnostics;
using KcmCompose.Cli;
using KcmCompose.Cli.Commands;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>Unknown commands and options with the nearest valid one, help, and shell completion.</summary>
public sealed class CliUsageTests
{
    [TestCase("emitt", "kcm-compose: unknown command 'emitt'; did you mean 'emit'?")]
    [TestCase("valdiate", "kcm-compose: unknown command 'valdiate'; did you mean 'validate'?")]
    [TestCase("client isue", "kcm-compose client: unknown command 'isue'; did you mean 'issue'?")]
    [TestCase("client-auth enabel", "kcm-compose client-auth: unknown command 'enabel'; did you mean 'enable'?")]
    [TestCase("emit --hostnam kcm.example.com", "kcm-compose emit: unknown option '--hostnam'; did you mean '--hostname'?")]
    [TestCase("validate --fromat json", "kcm-compose validate: unknown option '--fromat'; did you mean '--format'?")]
    [TestCase("validate --fromat", "kcm-compose validate: unknown option '--fromat'; did you mean '--format'?")]
    [TestCase("version --quite", "kcm-compose version: unknown option '--quite'; did you mean '--quiet'?")]
    public async Task Run_UnknownName_SuggestsNearestAndExitsTwo(string line, string expected)
    {
        var (exit, output, error) = await CliRunner.RunAsync(line.Split(' '));

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.TrimEnd().Should().Be(expected);
    }

    [Test]
    public async Task Run_UnknownNameFarFromAll_NamesHelpInstead()
    {
        var (exit, _, error) = await CliRunner.RunAsync("zzzzzzzz");

        exit.Should().Be(2);
        error.Should().Contain("unknown command 'zzzzzzzz'").And.Contain("see 'kcm-compose --help'").And.NotContain("did you mean");
    }

    [Test]
    public async Task Run_GroupWithoutSubcommand_ListsTheChoices()
    {
        var (exit, _, error) = await CliRunner.RunAsync("client");

        exit.Should().Be(2);
        error.Should().Contain("kcm-compose client: give a command: issue, sign, list, revoke, renew, request").And.NotContain("Required command");
    }

    [Test]
    public async Task Run_Help_PrintsHelpAndExitsZero()
    {
        var (exit, output, _) = await CliRunner.RunAsync("help");

        exit.Should().Be(0);
        output.Should().Contain("Commands:").And.Contain("emit").And.Contain("completion");
    }

    [Test]
    public async Task Run_HelpOfCommand_PrintsThatCommandsHelp()
    {
        var (exit, output, _) = await CliRunner.RunAsync("help", "client", "issue");

        exit.Should().Be(0);
        output.Should().Contain("--ca-dir").And.Contain("--pfx-format");
    }

    [Test]
    public async Task Run_HelpOfUnknownCommand_SuggestsAndExitsTwo()
    {
        var (exit, _, error) = await CliRunner.RunAsync("help", "emitt");

        exit.Should().Be(2);
        error.Should().Contain("did you mean 'emit'?");
    }

    [Test]
    public async Task Run_NoArguments_PrintsHelpOnStandardErrorAndExitsTwo()
    {
        var (exit, output, error) = await CliRunner.RunAsync();

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("Commands:");
    }

    [Test]
    public async Task Run_QuietAndVerbose_RefusedAsUsage()
    {
        var (exit, _, error) = await CliRunner.RunAsync("version", "--quiet", "--verbose");

        exit.Should().Be(2);
        error.Should().Contain("give --quiet or --verbose, not both");
    }

    [TestCase("kcm-compose em", "emit")]
    [TestCase("kcm-compose client is", "issue")]
    [TestCase("kcm-compose emit --hostn", "--hostname")]
    [TestCase("kcm-compose completion ", "pwsh")]
    public async Task SuggestDirective_PartialLine_CompletesIt(string line, string expected)
    {
        var (exit, output, _) = await CliRunner.RunAsync($"[suggest:{line.Length}]", line);

        exit.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Contain(expected);
    }

    [TestCase("bash")]
    [TestCase("zsh")]
    [TestCase("fish")]
    [TestCase("pwsh")]
    public async Task Completion_Shell_PrintsScriptThatAsksTheSuggestDirective(string shell)
    {
        var (exit, output, _) = await CliRunner.RunAsync("completion", shell);

        exit.Should().Be(0);
        output.Should().Be(CompletionCommand.Scripts[shell]).And.Contain("[suggest:");
    }

    [Test]
    public async Task Completion_BashScript_CompletesEmInRealBash()
    {
        // The script as a user installs it, run by bash against the real program (a kcm-compose on PATH).
        var folder = Directory.CreateTempSubdirectory("kcm-completion-").FullName;
        var program = Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");
        File.Exists(program).Should().BeTrue("the test project copies the tool beside it");
        var shim = Path.Combine(folder, "kcm-compose");
        await File.WriteAllTextAsync(shim, $"#!/bin/sh\nexec dotnet '{program}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (_, script, _) = await CliRunner.RunAsync("completion", "bash");
        var test = Path.Combine(folder, "test.sh");
        await File.WriteAllTextAsync(test, script + """
            COMP_LINE="kcm-compose em"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(kcm-compose em); COMP_CWORD=1
            _kcm_compose_complete
            printf '%s\n' "${COMPREPLY[@]}"
            COMP_LINE="kcm-compose client re"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(kcm-compose client re); COMP_CWORD=2
            _kcm_compose_complete
            printf '%s\n' "${COMPREPLY[@]}"
            """);
        var start = new ProcessStartInfo("bash", [test]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = folder + ":" + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(start)!;
        var stdout = await bash.StandardOutput.ReadToEndAsync();
        await bash.WaitForExitAsync();

        bash.ExitCode.Should().Be(0, await bash.StandardError.ReadToEndAsync());
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal("emit", "renew", "request", "revoke");
    }

    [Test]
    public void RootCommand_EveryCommand_HasQuietAndVerbose()
    {
        var root = CliApp.CreateRootCommand();

        root.Options.Should().Contain(o => o.Name == "--quiet" && o.Recursive).And.Contain(o => o.Name == "--verbose" && o.Recursive);
    }
}
