using System.CommandLine;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>Where the stack runs, defined once for <c>emit</c> and <c>init</c>: <c>--target compose|swarm</c>, <c>--replicas</c>, <c>--swarm-network</c>.</summary>
internal sealed class TargetOptions
{
    private readonly Option<string> _target = new("--target")
    {
        Description = "compose (docker compose up, bind mounts) or swarm (docker stack deploy: configs and secrets named after their content, deploy settings).",
        DefaultValueFactory = _ => "compose",
    };

    private readonly Option<int?> _replicas = new("--replicas") { Description = "With --target swarm: proxy replicas, 1 or more (default 1; one per node with host-mode ports)." };
    private readonly Option<string?> _network = new("--swarm-network") { Description = "With --target swarm: overlay (default; ports published in host mode) or host (the node's network, no published ports)." };

    public void AddTo(Command command)
    {
        command.Options.Add(_target);
        command.Options.Add(_replicas);
        command.Options.Add(_network);
    }

    /// <summary>The target and Swarm options given, or a usage error.</summary>
    public bool TryRead(ParseResult parse, out KcmTarget target, out KcmSwarmOptions swarm, out string? error)
    {
        swarm = KcmSwarmOptions.Default;
        error = null;
        switch (parse.GetValue(_target))
        {
            case "compose": target = KcmTarget.Compose; break;
            case "swarm": target = KcmTarget.Swarm; break;
            case var other:
                target = KcmTarget.Compose;
                error = $"--target must be compose or swarm, not '{other}'.";
                return false;
        }

        if (target == KcmTarget.Compose && (parse.GetValue(_replicas) is not null || parse.GetValue(_network) is not null))
        {
            error = "--replicas and --swarm-network need --target swarm.";
            return false;
        }

        if (parse.GetValue(_replicas) is { } count)
        {
            if (count < 1)
            {
                error = $"--replicas must be 1 or more, not {count}.";
                return false;
            }

            swarm = swarm with { ProxyReplicas = count };
        }

        switch (parse.GetValue(_network))
        {
            case null or "overlay": break;
            case "host": swarm = swarm with { Network = KcmSwarmNetwork.Host }; break;
            case var other:
                error = $"--swarm-network must be overlay or host, not '{other}'.";
                return false;
        }

        return true;
    }
}
