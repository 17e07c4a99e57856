using System.CommandLine;
using KcmCompose.Docker;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose apply</c>: makes the running proxy container match the compose file.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var file = DockerCommandSupport.FileArgument();
        var service = DockerCommandSupport.ServiceOption();
        var project = DockerCommandSupport.ProjectOption();
        var timeout = DockerCommandSupport.TimeoutOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the differences and the action (none, reload, restart, recreate) without doing it." };
        var command = new Command("apply", "Compare the running container with the file and reload, restart or recreate it (rolling back a failed new container).");
        command.Arguments.Add(file);
        command.Options.Add(service);
        command.Options.Add(project);
        command.Options.Add(timeout);
        command.Options.Add(dryRun);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DockerCommandSupport.TryParseTimeout(parse.GetValue(timeout)!, out var limit))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"kcm-compose: --timeout '{parse.GetValue(timeout)}' is not a duration such as 60s or 2m.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var request = new ServiceDeploymentRequest(DockerCommandSupport.ResolveFile(parse.GetValue(file)))
            {
                Service = parse.GetValue(service),
                Project = parse.GetValue(project),
            };
            return await DockerCommandSupport.RunAsync(
                parse,
                (progress, ct) => ServiceDeployment.ApplyAsync(request, new UpdateOptions { Timeout = limit, DryRun = parse.GetValue(dryRun), Progress = progress }, ct),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
