namespace KcmCompose.Kcm;

/// <summary>A published TCP port, written in the short syntax <c>'HOST_IP:PUBLISHED:TARGET'</c> that Compose v1 and v2 both read.</summary>
/// <param name="HostIp">The host interface (<c>0.0.0.0</c> for all IPv4 interfaces); <see langword="null"/> for Compose's default, all interfaces (dclint reports that as an error).</param>
/// <param name="Published">The host port, 1 to 65535.</param>
/// <param name="Target">The container port, 1 to 65535.</param>
public sealed record PortBinding(string? HostIp, int Published, int Target)
{
    /// <summary>All IPv4 interfaces, named explicitly so linters see the exposure was intended.</summary>
    public const string AllInterfaces = "0.0.0.0";

    /// <summary>The short-syntax text.</summary>
    public string ToComposeText() => HostIp switch
    {
        null => $"{Published}:{Target}",
        _ when HostIp.Contains(':', StringComparison.Ordinal) => $"[{HostIp}]:{Published}:{Target}",
        _ => $"{HostIp}:{Published}:{Target}",
    };

    /// <inheritdoc />
    public override string ToString() => ToComposeText();
}
