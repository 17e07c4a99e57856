using System.CommandLine;
using KcmCompose.Cli.Commands;

namespace KcmCompose.Cli;

/// <summary>The top-level commands, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create()
    {
        yield return VersionCommand.Create();
        yield return CheckClientCommand.Create();
    }
}
