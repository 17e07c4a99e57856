namespace KcmCompose.Kcm;

/// <summary>The Swarm-only settings of a stack file (<see cref="KcmTarget.Swarm"/>).</summary>
public sealed record KcmSwarmOptions
{
    /// <summary>The default options.</summary>
    public static KcmSwarmOptions Default { get; } = new();

    /// <summary>
    /// How many proxy tasks run (<c>deploy.replicas</c>). Defaults to 1; 1 or more. With host-mode ports or the host
    /// network, Swarm places at most one proxy per node, so more replicas need as many nodes.
    /// </summary>
    public int ProxyReplicas { get; init; } = 1;

    /// <summary>Overlay network with host-mode ports, or the host's network. Defaults to <see cref="KcmSwarmNetwork.Overlay"/>.</summary>
    public KcmSwarmNetwork Network { get; init; } = KcmSwarmNetwork.Overlay;

    /// <summary>
    /// The start of every config and secret name, followed by <c>-client-ca</c>, <c>-server-cert</c> or
    /// <c>-server-key</c> and the content hash (<see cref="SwarmObjectName"/>). Defaults to <c>kcm</c>; letters, digits,
    /// <c>.</c>, <c>_</c> and <c>-</c>, at most 36 characters.
    /// </summary>
    public string NamePrefix { get; init; } = "kcm";

    /// <summary>Every reason these options cannot be used; empty when they are valid.</summary>
    internal IEnumerable<string> Problems()
    {
        if (ProxyReplicas < 1)
        {
            yield return $"The proxy needs at least one replica, not {ProxyReplicas}.";
        }

        if (!Enum.IsDefined(Network))
        {
            yield return $"Unknown Swarm network kind {Network}.";
        }

        if (NamePrefix is null || NamePrefix.Length > 36 || SwarmObjectName.Check(NamePrefix) is not null)
        {
            yield return $"The Swarm name prefix '{NamePrefix}' must be 1 to 36 letters, digits, '.', '_' or '-', starting with a letter or digit.";
        }
    }
}
