using System.CommandLine;
using System.Reflection;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose version</c>: prints the tool's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of kcm-compose.");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine(version);
            return ExitCodes.Success;
        });
        return command;
    }
}
