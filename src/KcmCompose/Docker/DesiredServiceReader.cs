using System.Collections.Immutable;
using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Docker;

/// <summary>Reads the parts of a compose service this feature compares (image, environment, mounts, ports, restart), interpolated.</summary>
internal static class DesiredServiceReader
{
    public static DesiredService Read(ComposeMapping service, string serviceName, string projectDirectory, IReadOnlyDictionary<string, string> variables)
    {
        string Text(ComposeNode? node) => node is ComposeScalar scalar ? ComposeVariables.Interpolate(scalar.Value, variables) : string.Empty;

        var image = Text(service["image"]);
        if (image.Length == 0)
        {
            throw new FormatException($"Service '{serviceName}' has no image; apply only handles services that name an image.");
        }

        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var file in Items(service["env_file"]))
        {
            var path = Path.GetFullPath(Text(file is ComposeMapping m ? m["path"] : file), projectDirectory);
            if (File.Exists(path))
            {
                foreach (var (key, value) in ComposeVariables.ParseEnvFile(File.ReadAllLines(path)))
                {
                    environment[key] = value;
                }
            }
        }

        switch (service["environment"])
        {
            case ComposeMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    SetVariable(environment, entry.Key.Value, entry.Value is ComposeScalar { Type: ScalarType.Null } ? null : Text(entry.Value), variables);
                }

                break;
            case ComposeSequence sequence:
                foreach (var item in sequence.Items)
                {
                    var text = Text(item);
                    var equals = text.IndexOf('=', StringComparison.Ordinal);
                    SetVariable(environment, equals < 0 ? text : text[..equals], equals < 0 ? null : text[(equals + 1)..], variables);
                }

                break;
        }

        var mounts = ImmutableArray.CreateBuilder<DesiredMount>();
        foreach (var volume in Items(service["volumes"]))
        {
            if (ReadMount(volume, Text, projectDirectory) is { } mount)
            {
                mounts.Add(mount);
            }
        }

        foreach (var tmpfs in Items(service["tmpfs"]))
        {
            mounts.Add(new DesiredMount(MountKind.Tmpfs, null, Text(tmpfs).Split(':')[0]));
        }

        var ports = ImmutableArray.CreateBuilder<DesiredPort>();
        foreach (var port in Items(service["ports"]))
        {
            ports.Add(ReadPort(port, Text));
        }

        var (restart, retries) = ReadRestart(Text(service["restart"]));
        return new DesiredService(image)
        {
            Environment = environment.ToImmutable(),
            Mounts = mounts.ToImmutable(),
            Ports = ports.ToImmutable(),
            Restart = restart,
            RestartMaximumRetries = retries,
        };
    }

    private static void SetVariable(ImmutableDictionary<string, string>.Builder environment, string name, string? value, IReadOnlyDictionary<string, string> variables)
    {
        if (value is not null)
        {
            environment[name] = value;
        }
        else if (variables.TryGetValue(name, out var passed))
        {
            environment[name] = passed; // pass-through; an unset one is left out, as Compose does
        }
    }

    private static ImmutableArray<ComposeNode> Items(ComposeNode? node) => node switch
    {
        ComposeSequence sequence => sequence.Items,
        ComposeScalar { Type: not ScalarType.Null } scalar => [scalar],
        _ => [],
    };

    private static DesiredMount? ReadMount(ComposeNode node, Func<ComposeNode?, string> text, string projectDirectory)
    {
        if (node is ComposeMapping mapping)
        {
            var type = text(mapping["type"]);
            var source = text(mapping["source"]);
            var target = text(mapping["target"]);
            var readOnly = text(mapping["read_only"]) is "true" or "True";
            return type switch
            {
                "bind" => new DesiredMount(MountKind.Bind, HostPath(source, projectDirectory), target, readOnly),
                "tmpfs" => new DesiredMount(MountKind.Tmpfs, null, target, readOnly),
                "volume" when source.Length > 0 => new DesiredMount(MountKind.Volume, source, target, readOnly),
                _ => null, // anonymous volumes, npipe, cluster: not compared
            };
        }

        var parts = text(node).Split(':');
        if (parts.Length < 2)
        {
            return null; // an anonymous volume
        }

        var readOnlyShort = parts.Length > 2 && parts[2].Split(',').Contains("ro");
        var isPath = parts[0].StartsWith('.') || parts[0].StartsWith('/') || parts[0].StartsWith('~');
        return isPath
            ? new DesiredMount(MountKind.Bind, HostPath(parts[0], projectDirectory), parts[1], readOnlyShort)
            : new DesiredMount(MountKind.Volume, parts[0], parts[1], readOnlyShort);
    }

    private static string HostPath(string source, string projectDirectory)
    {
        if (source.StartsWith('~'))
        {
            source = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + source[1..];
        }

        return Path.GetFullPath(source, projectDirectory);
    }

    private static DesiredPort ReadPort(ComposeNode node, Func<ComposeNode?, string> text)
    {
        if (node is ComposeMapping mapping)
        {
            var published = text(mapping["published"]);
            var hostIp = text(mapping["host_ip"]);
            var protocol = text(mapping["protocol"]);
            return new DesiredPort(text(mapping["target"]), protocol.Length == 0 ? "tcp" : protocol, hostIp.Length == 0 ? null : hostIp, published.Length == 0 ? null : published);
        }

        var spec = text(node);
        var proto = "tcp";
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            proto = spec[(slash + 1)..];
            spec = spec[..slash];
        }

        var colon = spec.LastIndexOf(':');
        if (colon < 0)
        {
            return new DesiredPort(spec, proto);
        }

        var container = spec[(colon + 1)..];
        var host = spec[..colon];
        var hostColon = host.LastIndexOf(':');
        return hostColon < 0
            ? new DesiredPort(container, proto, null, host.Length == 0 ? null : host)
            : new DesiredPort(container, proto, host[..hostColon].Trim('[', ']'), host[(hostColon + 1)..] is { Length: > 0 } p ? p : null);
    }

    private static (ContainerRestartPolicy Policy, int Retries) ReadRestart(string restart)
    {
        var parts = restart.Split(':', 2);
        return parts[0] switch
        {
            "always" => (ContainerRestartPolicy.Always, 0),
            "unless-stopped" => (ContainerRestartPolicy.UnlessStopped, 0),
            "on-failure" => (ContainerRestartPolicy.OnFailure, parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0),
            _ => (ContainerRestartPolicy.No, 0),
        };
    }
}
