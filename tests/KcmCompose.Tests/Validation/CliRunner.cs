using KcmCompose.Cli;

namespace KcmCompose.Tests.Validation;

/// <summary>Runs the CLI in-process with captured output, through the same entry point as the tool.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
