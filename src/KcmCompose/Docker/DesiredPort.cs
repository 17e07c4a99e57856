namespace KcmCompose.Docker;

/// <summary>One published port.</summary>
/// <param name="ContainerPort">The port inside the container (<c>443</c>).</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="HostIp">The host address to bind, <see langword="null"/> for all.</param>
/// <param name="HostPort">The host port, <see langword="null"/> for one Docker picks.</param>
internal sealed record DesiredPort(string ContainerPort, string Protocol = "tcp", string? HostIp = null, string? HostPort = null);
