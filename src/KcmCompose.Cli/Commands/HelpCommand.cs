using System.CommandLine;
using KcmCompose.Cli.Conventions;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose help [COMMAND...]</c>: the same text as <c>--help</c>, exit 0.</summary>
internal static class HelpCommand
{
    public static Command Create()
    {
        var words = new Argument<string[]>("COMMAND") { Description = "The command to describe, e.g. 'client issue'.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("help", "Show help for kcm-compose or for a command.");
        command.Arguments.Add(words);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] named = parse.GetValue(words) ?? [];
            var target = parse.RootCommandResult.Command.Parse(named);
            if (target.UnmatchedTokens.Count > 0)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(UsageErrors.Describe(target)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return await CliApp.RunAsync([.. named, "--help"], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
