namespace KcmCompose.Kcm;

/// <summary>How the services of a Swarm stack reach each other and the outside.</summary>
public enum KcmSwarmNetwork
{
    /// <summary>
    /// An overlay network <c>kcm</c> joins the four services (they find each other by service name, on any node); the
    /// proxy's ports are published in host mode on the node running each proxy task.
    /// </summary>
    Overlay,

    /// <summary>
    /// Every service joins the node's own network stack (the external network <c>host</c>): no ports are published, the
    /// proxy listens on the node's interfaces directly, and service names do not resolve, so host names must be addresses
    /// reachable from every node (<c>127.0.0.1</c> when all services run on one node).
    /// </summary>
    Host,
}
