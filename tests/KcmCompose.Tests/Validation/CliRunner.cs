using System.CommandLine;
using KcmCompose.Cli;

namespace KcmCompose.Tests.Validation;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var parse = CliApp.CreateRootCommand().Parse(args);
        var output = new StringWriter();
        var error = new StringWriter();
        if (parse.Errors.Count > 0)
        {
            return (ExitCodes.Usage, string.Empty, parse.Errors[0].Message);
        }

        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
