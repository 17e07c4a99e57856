namespace KcmCompose.Validation;

/// <summary>Rows for Swarm stack files (<c>docker stack deploy</c>): deploy settings, keys Swarm ignores, config and secret files.</summary>
internal static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor SwarmKeyIgnored = new(
        "swarm-key-ignored", DiagnosticSeverity.Warning, "A service key that docker stack deploy ignores.",
        "'{0}' of service '{1}' has no effect on Swarm: {2}",
        "Remove it from the stack file{3}.");

    public static readonly DiagnosticDescriptor SwarmDeployInvalid = new(
        "swarm-deploy-invalid", DiagnosticSeverity.Error, "A deploy setting Swarm refuses.",
        "'{0}' is '{1}', which Swarm does not accept.",
        "Write {2}.");

    public static readonly DiagnosticDescriptor SwarmFileMissing = new(
        "swarm-file-missing", DiagnosticSeverity.Error, "A config or secret file does not exist.",
        "The {0} '{1}' takes its content from '{2}', which does not exist ({3}); docker stack deploy stops there.",
        "Create the file, or correct the path (relative to the stack file).");

    public static readonly DiagnosticDescriptor SwarmProxyRollout = new(
        "swarm-proxy-rollout", DiagnosticSeverity.Warning, "The proxy's Swarm update leaves it down or stuck when it fails.",
        "Service '{0}' updates with {1}: {2}",
        "Set deploy.update_config.order: start-first and deploy.update_config.failure_action: rollback on the proxy (kcm-compose emit --target swarm writes both).");

    static partial void AddSwarmDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        descriptors.Add(SwarmKeyIgnored);
        descriptors.Add(SwarmDeployInvalid);
        descriptors.Add(SwarmFileMissing);
        descriptors.Add(SwarmProxyRollout);
    }
}
