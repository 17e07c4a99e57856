using System.Collections.Immutable;

namespace KcmCompose.Docker;

/// <summary>
/// The configuration a service's container should have, as the compose file says after interpolation:
/// the parts <see cref="ComposeServiceUpdater"/> compares and applies. Everything else (command, healthcheck,
/// networks, labels, ...) is kept from the running container when it is recreated.
/// </summary>
/// <param name="Image">The image reference (<c>keeper/guacamole-ssl-nginx:2</c>).</param>
internal sealed record DesiredService(string Image)
{
    /// <summary>Environment variables set by the file; the image's own defaults are not listed. Defaults to empty.</summary>
    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Mounts, bind sources as absolute host paths. Defaults to empty.</summary>
    public ImmutableArray<DesiredMount> Mounts { get; init; } = [];

    /// <summary>Published ports. Defaults to empty.</summary>
    public ImmutableArray<DesiredPort> Ports { get; init; } = [];

    /// <summary>The restart policy. Defaults to <see cref="ContainerRestartPolicy.No"/>, as in Compose.</summary>
    public ContainerRestartPolicy Restart { get; init; } = ContainerRestartPolicy.No;

    /// <summary>For <see cref="ContainerRestartPolicy.OnFailure"/>: the retry limit, 0 for none. Defaults to 0.</summary>
    public int RestartMaximumRetries { get; init; }
}
