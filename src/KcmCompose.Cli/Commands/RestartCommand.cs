using System.CommandLine;
using KcmCompose.Docker;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose restart</c>: restarts (or reloads) the proxy container and waits until it runs.</summary>
internal static class RestartCommand
{
    public static Command Create()
    {
        var reload = new Option<bool>("--reload") { Description = "Send SIGHUP instead: nginx re-reads its files without dropping connections." };
        var fallBack = new Option<bool>("--fallback-restart") { Description = "With --reload: restart instead when the container is stopped or does not survive the signal." };
        return DockerCommandSupport.Create(
            "restart",
            "Validate the files, then restart the proxy container (or reload it with --reload) and wait until it runs and is healthy.",
            [reload, fallBack],
            (parse, request, options, ct) => ServiceDeployment.RestartAsync(request, parse.GetValue(reload), options with { FallBackToRestart = parse.GetValue(fallBack) }, ct));
    }
}
