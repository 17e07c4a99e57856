namespace KcmCompose.Compose;

/// <summary>One <c>ports</c> entry, short (<c>"127.0.0.1:8443:443/tcp"</c>) or long syntax.</summary>
/// <param name="HostIp">The host address without brackets, or <see langword="null"/> for all.</param>
/// <param name="Published">The host port or range (<c>"8000-8010"</c>), or <see langword="null"/> for an ephemeral one.</param>
/// <param name="Target">The container port or range.</param>
/// <param name="Protocol">tcp, udp or sctp (lower case); tcp when not written.</param>
/// <param name="Location">Where the entry is.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.ports[0]</c>.</param>
internal sealed record PortMapping(string? HostIp, string? Published, string Target, string Protocol, SourceLocation? Location, string Path)
{
    /// <summary>The long-syntax <c>mode</c> (host or ingress), or <see langword="null"/>.</summary>
    public string? Mode { get; init; }
}
