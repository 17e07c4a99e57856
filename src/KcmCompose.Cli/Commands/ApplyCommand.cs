using System.CommandLine;
using KcmCompose.Docker;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose apply</c>: makes the running proxy container match the compose file.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the differences and the action (none, reload, restart, recreate) without doing it." };
        var stack = new Option<string?>("--stack")
        {
            Description = "Apply to this Docker Swarm stack (docker stack deploy) instead of a Compose project: new configs and secrets, then a rolling update that is rolled back if it fails.",
        };
        return DockerCommandSupport.Create(
            "apply",
            "Validate the files, compare the running container with them and reload, restart or recreate it (rolling back a failed new container).",
            [dryRun, stack],
            (parse, request, options, ct) => parse.GetValue(stack) is { } name
                ? SwarmDeployment.ApplyAsync(request, name, options with { DryRun = parse.GetValue(dryRun) }, ct)
                : ServiceDeployment.ApplyAsync(request, options with { DryRun = parse.GetValue(dryRun) }, ct));
    }
}
