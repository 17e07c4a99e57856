using System.CommandLine;
using KcmCompose.Cli.Commands;

namespace KcmCompose.Cli;

/// <summary>The top-level commands, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return VersionCommand.Create();
        yield return InitCommand.Create();
        yield return EmitCommand.Create();
        yield return ValidateCommand.Create();
        yield return CaCommand.Create();
        yield return ClientCommand.Create();
        yield return CrlCommand.Create();
        yield return ApplyCommand.Create();
        yield return RestartCommand.Create();
        yield return CheckClientCommand.Create();
        yield return VerifyCommand.Create();
        yield return ClientAuthCommand.Create();
        yield return HelpCommand.Create();
        yield return CompletionCommand.Create();
    }
}
