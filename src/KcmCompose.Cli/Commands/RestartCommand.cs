using System.CommandLine;
using KcmCompose.Docker;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose restart</c>: restarts (or reloads) the proxy container and waits until it runs.</summary>
internal static class RestartCommand
{
    public static Command Create()
    {
        var file = DockerCommandSupport.FileArgument();
        var service = DockerCommandSupport.ServiceOption();
        var project = DockerCommandSupport.ProjectOption();
        var timeout = DockerCommandSupport.TimeoutOption();
        var reload = new Option<bool>("--reload") { Description = "Send SIGHUP instead: nginx re-reads its files without dropping connections." };
        var fallBack = new Option<bool>("--fallback-restart") { Description = "With --reload: restart instead when the container is stopped or does not survive the signal." };
        var command = new Command("restart", "Restart the proxy container (or reload it with --reload) and wait until it runs and is healthy.");
        command.Arguments.Add(file);
        command.Options.Add(service);
        command.Options.Add(project);
        command.Options.Add(timeout);
        command.Options.Add(reload);
        command.Options.Add(fallBack);
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
                (progress, ct) => ServiceDeployment.RestartAsync(request, parse.GetValue(reload), new UpdateOptions { Timeout = limit, FallBackToRestart = parse.GetValue(fallBack), Progress = progress }, ct),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
