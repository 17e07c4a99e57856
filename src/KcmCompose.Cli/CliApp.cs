using System.CommandLine;

namespace KcmCompose.Cli;

/// <summary>Builds the command tree and runs it; each command lives in its own file under <c>Commands/</c>.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("kcm-compose: TLS client-certificate authentication for Keeper Connection Manager.");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"kcm-compose: {parse.Errors[0].Message} (see 'kcm-compose --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
