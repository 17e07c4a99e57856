using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>Compares an inspected container with a <see cref="DesiredService"/>.</summary>
internal static class ContainerComparison
{
    /// <summary>The configuration differences (everything but mounted file content).</summary>
    public static ImmutableArray<ConfigurationDifference> Compare(
        ContainerInspectResponse container, IList<string>? imageEnvironment, DesiredService desired, string project)
    {
        var differences = ImmutableArray.CreateBuilder<ConfigurationDifference>();
        if (!string.Equals(NormalizeImage(container.Config?.Image), NormalizeImage(desired.Image), StringComparison.Ordinal))
        {
            differences.Add(new(ConfigurationAspect.Image, "image", desired.Image, container.Config?.Image));
        }

        CompareEnvironment(container.Config?.Env, imageEnvironment, desired, differences);
        CompareMounts(container, desired, project, differences);
        ComparePorts(container.HostConfig?.PortBindings, desired, differences);
        var (actualPolicy, actualRetries) = ReadRestartPolicy(container.HostConfig?.RestartPolicy);
        if (actualPolicy != desired.Restart || (desired.Restart == ContainerRestartPolicy.OnFailure && actualRetries != desired.RestartMaximumRetries))
        {
            differences.Add(new(ConfigurationAspect.RestartPolicy, "restart", FormatPolicy(desired.Restart, desired.RestartMaximumRetries), FormatPolicy(actualPolicy, actualRetries)));
        }

        return differences.ToImmutable();
    }

    /// <summary>The action for a set of differences on a container that is or is not running.</summary>
    public static ApplyAction Decide(IReadOnlyCollection<ConfigurationDifference> differences, bool running)
    {
        if (differences.Any(d => d.Aspect != ConfigurationAspect.MountedFileContent))
        {
            return ApplyAction.Recreate;
        }

        // A reload only helps when the container already sees the new content.
        if (!running || differences.Any(d => d.Actual is not null && !d.Actual.StartsWith(ChangedSinceStart, StringComparison.Ordinal)))
        {
            return ApplyAction.Restart;
        }

        return differences.Count > 0 ? ApplyAction.Reload : ApplyAction.None;
    }

    /// <summary>The <see cref="ConfigurationDifference.Actual"/> text of a file the container still sees with its old content.</summary>
    public const string StaleContent = "old content (file replaced on the host; the container still sees the old file)";

    /// <summary>The <see cref="ConfigurationDifference.Actual"/> text of a file whose content inside the container could not be read.</summary>
    public const string UnknownContent = "content changed on the host; the container's view could not be read";

    /// <summary>The <see cref="ConfigurationDifference.Actual"/> text of a file the container sees but the process read before the change.</summary>
    public const string ChangedSinceStart = "content changed since the container started";

    public static Dictionary<string, string> ParseEnvironment(IEnumerable<string>? entries)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[entry[..equals]] = entry[(equals + 1)..];
            }
            else if (entry.Length > 0)
            {
                result[entry] = string.Empty;
            }
        }

        return result;
    }

    public static (ContainerRestartPolicy Policy, int Retries) ReadRestartPolicy(RestartPolicy? policy) =>
        policy?.Name switch
        {
            RestartPolicyKind.Always => (ContainerRestartPolicy.Always, 0),
            RestartPolicyKind.OnFailure => (ContainerRestartPolicy.OnFailure, (int)policy.MaximumRetryCount),
            RestartPolicyKind.UnlessStopped => (ContainerRestartPolicy.UnlessStopped, 0),
            _ => (ContainerRestartPolicy.No, 0),
        };

    public static string FormatPolicy(ContainerRestartPolicy policy, int retries) => policy switch
    {
        ContainerRestartPolicy.Always => "always",
        ContainerRestartPolicy.OnFailure => retries > 0 ? $"on-failure:{retries}" : "on-failure",
        ContainerRestartPolicy.UnlessStopped => "unless-stopped",
        _ => "no",
    };

    /// <summary>The name Docker gives a named volume of <paramref name="project"/> (Compose prefixes the project).</summary>
    public static string VolumeName(string source, string project) =>
        source.StartsWith(project + "_", StringComparison.Ordinal) ? source : $"{project}_{source}";

    private static string NormalizeImage(string? image)
    {
        if (string.IsNullOrEmpty(image))
        {
            return string.Empty;
        }

        var name = image.StartsWith("docker.io/", StringComparison.Ordinal) ? image["docker.io/".Length..] : image;
        var lastSlash = name.LastIndexOf('/');
        return name.IndexOf(':', lastSlash + 1) < 0 && !name.Contains('@', StringComparison.Ordinal) ? name + ":latest" : name;
    }

    private static void CompareEnvironment(
        IList<string>? containerEnv, IList<string>? imageEnv, DesiredService desired, ImmutableArray<ConfigurationDifference>.Builder differences)
    {
        var actual = ParseEnvironment(containerEnv);
        var image = ParseEnvironment(imageEnv);
        foreach (var (name, value) in desired.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(name, out var current) || current != value)
            {
                differences.Add(new(ConfigurationAspect.Environment, name, value, actual.TryGetValue(name, out var had) ? had : null));
            }
        }

        foreach (var (name, value) in actual.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // A variable the file no longer sets is a difference unless it is the image's own default.
            if (!desired.Environment.ContainsKey(name) && !(image.TryGetValue(name, out var fromImage) && fromImage == value))
            {
                differences.Add(new(ConfigurationAspect.Environment, name, image.GetValueOrDefault(name), value));
            }
        }
    }

    private static void CompareMounts(
        ContainerInspectResponse container, DesiredService desired, string project, ImmutableArray<ConfigurationDifference>.Builder differences)
    {
        var imageVolumes = container.Config?.Volumes?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
        var actual = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in container.Mounts ?? [])
        {
            if (mount.Type == "volume" && imageVolumes.Contains(mount.Destination) && !desired.Mounts.Any(m => m.Target == mount.Destination))
            {
                continue; // an anonymous volume the image declares
            }

            actual[mount.Destination] = mount.Type switch
            {
                "volume" => Describe(MountKind.Volume, mount.Name, !mount.RW),
                "tmpfs" => Describe(MountKind.Tmpfs, null, !mount.RW),
                _ => Describe(MountKind.Bind, mount.Source, !mount.RW),
            };
        }

        foreach (var (target, options) in container.HostConfig?.Tmpfs ?? new Dictionary<string, string>())
        {
            actual[target] = Describe(MountKind.Tmpfs, null, options.Split(',').Contains("ro"));
        }

        var expected = desired.Mounts.ToDictionary(
            m => m.Target,
            m => Describe(m.Type, m.Type == MountKind.Volume && m.Source is not null ? VolumeName(m.Source, project) : m.Source, m.ReadOnly),
            StringComparer.Ordinal);
        foreach (var target in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var want = expected.GetValueOrDefault(target);
            var have = actual.GetValueOrDefault(target);
            if (want != have)
            {
                differences.Add(new(ConfigurationAspect.Mount, target, want, have));
            }
        }
    }

    private static string Describe(MountKind kind, string? source, bool readOnly) =>
        kind switch
        {
            MountKind.Tmpfs => readOnly ? "tmpfs:ro" : "tmpfs",
            _ => $"{kind.ToString().ToLowerInvariant()} {source}{(readOnly ? ":ro" : string.Empty)}",
        };

    private static void ComparePorts(
        IDictionary<string, IList<PortBinding>>? bindings, DesiredService desired, ImmutableArray<ConfigurationDifference>.Builder differences)
    {
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (port, hosts) in bindings ?? new Dictionary<string, IList<PortBinding>>())
        {
            foreach (var host in hosts ?? [])
            {
                actual.Add(FormatPort(port, host.HostIP, host.HostPort));
            }
        }

        var expected = new SortedSet<string>(
            desired.Ports.Select(p => FormatPort($"{p.ContainerPort}/{p.Protocol}", p.HostIp, p.HostPort)),
            StringComparer.Ordinal);
        foreach (var missing in expected.Except(actual))
        {
            differences.Add(new(ConfigurationAspect.Port, missing, missing, null));
        }

        foreach (var extra in actual.Except(expected))
        {
            differences.Add(new(ConfigurationAspect.Port, extra, null, extra));
        }
    }

    private static string FormatPort(string containerPort, string? hostIp, string? hostPort)
    {
        var ip = string.IsNullOrEmpty(hostIp) || hostIp == "0.0.0.0" ? string.Empty : hostIp;
        var port = string.IsNullOrEmpty(hostPort) ? string.Empty : hostPort.ToString(CultureInfo.InvariantCulture);
        return $"{ip}:{port}->{containerPort}";
    }
}
