using System.CommandLine;
using System.Reflection;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose version</c>: prints the tool's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of kcm-compose.");
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction(async parse =>
        {
            var version = typeof(VersionCommand).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var output = CommandOutput.For(parse);
            output.Essential(version);
            await output.WriteJsonAsync(new JsonObject { ["version"] = version }).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
