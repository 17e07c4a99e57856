using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary><c>port-conflict</c>: one host port (same protocol, overlapping host address) published twice.</summary>
internal sealed class PortConflictRule : IValidationRule
{
    /// <summary>Ranges are expanded port by port; past this many ports the rule stops looking (hostile input).</summary>
    private const int _maxExpandedPorts = 200_000;

    private sealed record Published(string Service, string HostIp, int Port, string Protocol, ComposeNode Node, string Path);

    /// <summary>
    /// Who publishes one port/protocol. Only non-overlapping publishers are added, so there is either one wildcard
    /// alone or specific addresses that differ: the clash is found by key, not by scanning (a hostile file can
    /// publish one port on 100,000 addresses).
    /// </summary>
    private sealed class Owners
    {
        private readonly Dictionary<string, Published> _byAddress = new(StringComparer.OrdinalIgnoreCase);
        private Published? _first;
        private Published? _wildcard;

        /// <summary>The first publisher whose address overlaps <paramref name="hostIp"/>, or <see langword="null"/>.</summary>
        public Published? Clash(string hostIp) =>
            IsWildcard(hostIp) ? _first : _wildcard ?? _byAddress.GetValueOrDefault(hostIp);

        public void Add(Published published)
        {
            _first ??= published;
            if (IsWildcard(published.HostIp))
            {
                _wildcard ??= published;
            }
            else
            {
                _byAddress.TryAdd(published.HostIp, published);
            }
        }
    }

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        var seen = new Dictionary<string, Owners>(StringComparer.Ordinal);
        var expanded = 0;
        foreach (var service in context.Services)
        {
            if (service.Resolved["ports"] is not ComposeSequence ports)
            {
                continue;
            }

            for (var i = 0; i < ports.Items.Length; i++)
            {
                if (Parse(ports.Items[i]) is not { } mapping)
                {
                    continue;
                }

                var path = NodePath.Item(service.Path + ".ports", i);
                for (var port = mapping.Low; port <= mapping.High; port++)
                {
                    if (++expanded > _maxExpandedPorts)
                    {
                        return;
                    }

                    var key = port.ToString(CultureInfo.InvariantCulture) + "/" + mapping.Protocol;
                    if (!seen.TryGetValue(key, out var owners))
                    {
                        seen[key] = owners = new Owners();
                    }

                    var clash = owners.Clash(mapping.HostIp);
                    if (clash is not null)
                    {
                        var where = clash.Node.Location is { } at ? $"line {at.Line}, column {at.Column}" : clash.Path;
                        var text = string.IsNullOrEmpty(mapping.HostIp)
                            ? port.ToString(CultureInfo.InvariantCulture) + "/" + mapping.Protocol
                            : $"{mapping.HostIp}:{port}/{mapping.Protocol}";
                        sink.Add(context.At(
                            DiagnosticCatalog.PortConflict, ports.Items[i], path, (ports.Items[i] as ComposeScalar)?.Value,
                            text, where, $"service '{clash.Service}', {clash.Path}"));
                        break;
                    }

                    owners.Add(new Published(service.Name, mapping.HostIp, port, mapping.Protocol, ports.Items[i], path));
                }
            }
        }
    }

    private static bool IsWildcard(string ip) => ip is "" or "0.0.0.0" or "::" or "[::]";

    internal readonly record struct HostPorts(string HostIp, int Low, int High, string Protocol);

    /// <summary>The published host ports of a port entry, or <see langword="null"/> when it publishes none or is not valid.</summary>
    internal static HostPorts? Parse(ComposeNode item)
    {
        switch (item)
        {
            case ComposeScalar { Type: ScalarType.String } scalar:
                return ParseShort(scalar.Value);
            case ComposeMapping mapping:
                var published = (mapping["published"] as ComposeScalar)?.Value;
                if (string.IsNullOrEmpty(published) || !TryRange(published, out var low, out var high))
                {
                    return null;
                }

                var protocol = (mapping["protocol"] as ComposeScalar)?.Value ?? "tcp";
                return new HostPorts((mapping["host_ip"] as ComposeScalar)?.Value ?? string.Empty, low, high, protocol.ToLowerInvariant());
            default:
                return null;
        }
    }

    private static HostPorts? ParseShort(string text)
    {
        var protocol = "tcp";
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..].ToLowerInvariant();
            text = text[..slash];
        }

        string hostIp = string.Empty;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                return null;
            }

            hostIp = text[1..close];
            text = text[(close + 2)..];
        }

        var parts = text.Split(':');
        string host;
        switch (parts.Length)
        {
            case 2 when hostIp.Length > 0:
            case 2:
                host = parts[0];
                break;
            case 3 when hostIp.Length == 0:
                hostIp = parts[0];
                host = parts[1];
                break;
            default:
                return null;
        }

        return host.Length > 0 && TryRange(host, out var low, out var high) ? new HostPorts(hostIp, low, high, protocol) : null;
    }

    private static bool TryRange(string text, out int low, out int high)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        high = 0;
        if (dash < 0)
        {
            return TryPort(text, out low) && (high = low) > 0;
        }

        return TryPort(text[..dash], out low) && TryPort(text[(dash + 1)..], out high) && low <= high;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
