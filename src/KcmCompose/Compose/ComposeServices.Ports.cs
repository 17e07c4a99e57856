using System.Collections.Immutable;
using System.Globalization;
using System.Net;

namespace KcmCompose.Compose;

internal static partial class ComposeServices
{
    private sealed partial class Reader
    {
        private const string _portFix = "Write \"[HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL]\" such as \"127.0.0.1:8443:443/tcp\", or the long form with target/published/host_ip/protocol.";

        private ImmutableArray<PortMapping> Ports(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "ports");
            var result = ImmutableArray.CreateBuilder<PortMapping>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        var itemPath = ComposePath.Index(path, i);
                        var port = sequence.Items[i] switch
                        {
                            ComposeMapping details => LongPort(details, itemPath),
                            var item => Scalar(item, itemPath) is { } text ? ShortPort(text, item, itemPath) : null,
                        };
                        if (port is not null)
                        {
                            result.Add(port);
                        }
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a list of ports");
                    break;
            }

            return result.ToImmutable();
        }

        private PortMapping? ShortPort(string text, ComposeNode node, string path)
        {
            var spec = text;
            var protocol = "tcp";
            var slash = LastIndexOutsideVariables(spec, '/');
            if (slash >= 0)
            {
                protocol = spec[(slash + 1)..].ToLowerInvariant();
                spec = spec[..slash];
            }

            string? ip = null;
            List<string> parts;
            if (spec.StartsWith('['))
            {
                var close = spec.IndexOf(']', StringComparison.Ordinal);
                if (close < 0 || close + 1 >= spec.Length || spec[close + 1] != ':')
                {
                    return BadPort(node, path, text, "the bracketed host address is not followed by ':PUBLISHED:TARGET'");
                }

                ip = spec[1..close];
                parts = SplitOutsideVariables(spec[(close + 2)..], ':');
                if (parts.Count != 2)
                {
                    return BadPort(node, path, text, "after the host address it needs PUBLISHED:TARGET");
                }

                parts.Insert(0, ip);
            }
            else
            {
                parts = SplitOutsideVariables(spec, ':');
                if (parts.Count > 3)
                {
                    // An IPv6 address without brackets: everything before the last two parts.
                    var joined = string.Join(':', parts.Take(parts.Count - 2));
                    parts = [joined, parts[^2], parts[^1]];
                }
            }

            var target = parts[^1];
            var published = parts.Count >= 2 ? parts[^2] : null;
            ip = parts.Count == 3 ? parts[0] : null;
            return CheckedPort(node, path, text, ip, published, target, protocol, mode: null);
        }

        private PortMapping? LongPort(ComposeMapping details, string path)
        {
            var target = Text(details, "target", path);
            if (target is null)
            {
                Add(ComposeProblemCodes.InvalidPort, details, path, null, "A port in long form needs a 'target' (the container port).", "Add 'target: 443'.");
                return null;
            }

            var protocol = Text(details, "protocol", path)?.ToLowerInvariant() ?? "tcp";
            var mode = Text(details, "mode", path);
            if (mode is not (null or "host" or "ingress") && !ComposeTemplate.HasVariables(mode))
            {
                Add(ComposeProblemCodes.InvalidPort, details.Find("mode")!.Value, ComposePath.Join(path, "mode"), mode, $"'{mode}' is not a port mode.", "Use host or ingress.");
            }

            return CheckedPort(details, path, target, Text(details, "host_ip", path), Text(details, "published", path), target, protocol, mode);
        }

        private PortMapping? CheckedPort(ComposeNode node, string path, string text, string? ip, string? published, string target, string protocol, string? mode)
        {
            ip = string.IsNullOrEmpty(ip) ? null : ip;
            published = string.IsNullOrEmpty(published) ? null : published;
            if (protocol is not ("tcp" or "udp" or "sctp") && !ComposeTemplate.HasVariables(protocol))
            {
                return BadPort(node, path, text, $"'{protocol}' is not a protocol (tcp, udp or sctp)");
            }

            if (ip is not null && !ComposeTemplate.HasVariables(ip) && !IPAddress.TryParse(ip, out _))
            {
                return BadPort(node, path, text, $"'{ip}' is not an IP address");
            }

            var targetRange = PortRange(target, minimum: 1);
            if (targetRange is { Valid: false })
            {
                return BadPort(node, path, text, $"the container port '{target}' is not a port (1-65535) or range");
            }

            var publishedRange = published is null ? null : PortRange(published, minimum: 0);
            if (publishedRange is { Valid: false })
            {
                return BadPort(node, path, text, $"the published port '{published}' is not a port (0-65535) or range");
            }

            if (targetRange is { Count: > 1 } && publishedRange is { } host && host.Count != targetRange.Value.Count)
            {
                return BadPort(node, path, text, "the published and container ranges have different lengths");
            }

            return new PortMapping(ip, published, target, protocol, node.Location, path) { Mode = mode };
        }

        private PortMapping? BadPort(ComposeNode node, string path, string text, string reason)
        {
            Add(ComposeProblemCodes.InvalidPort, node, path, text, $"The port '{text}' is invalid: {reason}.", _portFix);
            return null;
        }

        private readonly record struct Range(bool Valid, int Count);

        /// <summary>A port or <c>low-high</c> range; null when it holds a variable (checked after interpolation).</summary>
        private static Range? PortRange(string text, int minimum)
        {
            if (ComposeTemplate.HasVariables(text))
            {
                return null;
            }

            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                return new Range(IsPort(text, minimum), 1);
            }

            var low = text[..dash];
            var high = text[(dash + 1)..];
            if (!IsPort(low, minimum) || !IsPort(high, minimum))
            {
                return new Range(false, 0);
            }

            var count = int.Parse(high, CultureInfo.InvariantCulture) - int.Parse(low, CultureInfo.InvariantCulture) + 1;
            return new Range(count >= 1, count);
        }

        private static bool IsPort(string text, int minimum) =>
            text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.Parse(text, CultureInfo.InvariantCulture) is var port
            && port >= minimum && port <= 65535;

        /// <summary>Splits on <paramref name="separator"/> except inside <c>${...}</c>, so defaults may hold it.</summary>
        internal static List<string> SplitOutsideVariables(string text, char separator)
        {
            var parts = new List<string>();
            var start = 0;
            var depth = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '$' && i + 1 < text.Length && text[i + 1] == '$')
                {
                    i++;
                }
                else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    depth++;
                    i++;
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (c == separator && depth == 0)
                {
                    parts.Add(text[start..i]);
                    start = i + 1;
                }
            }

            parts.Add(text[start..]);
            return parts;
        }

        private static int LastIndexOutsideVariables(string text, char separator)
        {
            var parts = SplitOutsideVariables(text, separator);
            return parts.Count == 1 ? -1 : text.Length - parts[^1].Length - 1;
        }
    }
}
