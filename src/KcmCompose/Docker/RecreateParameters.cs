using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>Builds the create request for a replacement container: the old one's identity, the file's configuration.</summary>
internal static class RecreateParameters
{
    public static CreateContainerParameters Build(
        ContainerInspectResponse old, ImageInspectResponse? oldImage, DesiredService desired, string project, string name, string? configHash)
    {
        var config = old.Config ?? new ContainerConfig();
        var image = oldImage?.Config;
        var host = old.HostConfig ?? new HostConfig();
        var networkMode = host.NetworkMode ?? "default";
        var sharesHostname = networkMode == "host" || networkMode.StartsWith("container:", StringComparison.Ordinal);
        var shortId = old.ID.Length >= 12 ? old.ID[..12] : old.ID;

        var labels = new Dictionary<string, string>(config.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (configHash is not null)
        {
            labels[ComposeLabels.ConfigHash] = configHash;
        }

        var exposed = new Dictionary<string, EmptyStruct>(config.ExposedPorts ?? new Dictionary<string, EmptyStruct>(), StringComparer.Ordinal);
        var bindings = new Dictionary<string, IList<PortBinding>>(StringComparer.Ordinal);
        foreach (var port in desired.Ports)
        {
            var key = $"{port.ContainerPort}/{port.Protocol}";
            exposed[key] = default;
            if (!bindings.TryGetValue(key, out var list))
            {
                bindings[key] = list = [];
            }

            list.Add(new PortBinding { HostIP = port.HostIp ?? string.Empty, HostPort = port.HostPort ?? string.Empty });
        }

        // Host settings not in the file (capabilities, logging, extra hosts, ...) are kept as they were.
        host.Binds = desired.Mounts
            .Where(m => m.Type != MountKind.Tmpfs && m.Source is not null)
            .Select(m => $"{(m.Type == MountKind.Volume ? ContainerComparison.VolumeName(m.Source!, project) : m.Source)}:{m.Target}:{(m.ReadOnly ? "ro" : "rw")}")
            .ToList();
        host.Mounts = null!;
        host.Tmpfs = desired.Mounts.Where(m => m.Type == MountKind.Tmpfs).ToDictionary(m => m.Target, m => m.ReadOnly ? "ro" : string.Empty, StringComparer.Ordinal);
        host.PortBindings = bindings;
        host.RestartPolicy = new RestartPolicy
        {
            Name = desired.Restart switch
            {
                ContainerRestartPolicy.Always => RestartPolicyKind.Always,
                ContainerRestartPolicy.OnFailure => RestartPolicyKind.OnFailure,
                ContainerRestartPolicy.UnlessStopped => RestartPolicyKind.UnlessStopped,
                _ => RestartPolicyKind.No,
            },
            MaximumRetryCount = desired.Restart == ContainerRestartPolicy.OnFailure ? desired.RestartMaximumRetries : 0,
        };

        var primary = old.NetworkSettings?.Networks?.FirstOrDefault(n => n.Key == networkMode);
        return new CreateContainerParameters
        {
            Name = name,
            Image = desired.Image,
            Env = desired.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}").ToList(),
            Labels = labels,
            ExposedPorts = exposed,
            HostConfig = host,
            Hostname = sharesHostname || config.Hostname == shortId ? null! : config.Hostname,
            Domainname = sharesHostname ? null! : config.Domainname,
            // Settings the image provides are left to the (possibly new) image; explicit ones are kept.
            Cmd = SameAs(config.Cmd, image?.Cmd) ? null! : config.Cmd,
            Entrypoint = SameAs(config.Entrypoint, image?.Entrypoint) ? null! : config.Entrypoint,
            WorkingDir = config.WorkingDir == (image?.WorkingDir ?? string.Empty) ? null! : config.WorkingDir,
            User = config.User == (image?.User ?? string.Empty) ? null! : config.User,
            StopSignal = config.StopSignal == image?.StopSignal ? null! : config.StopSignal,
            StopTimeout = config.StopTimeout,
            Healthcheck = config.Healthcheck,
            Tty = config.Tty,
            OpenStdin = config.OpenStdin,
            StdinOnce = config.StdinOnce,
            AttachStdin = config.AttachStdin,
            AttachStdout = config.AttachStdout,
            AttachStderr = config.AttachStderr,
            Volumes = config.Volumes,
            Shell = config.Shell,
            NetworkingConfig = primary is { Value: not null } p && IsUserNetwork(p.Key)
                ? new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [p.Key] = Endpoint(p.Value, shortId) } }
                : null!,
        };
    }

    /// <summary>Networks besides the primary one, connected after create (API 1.41 accepts one network at create).</summary>
    public static IEnumerable<(string Network, EndpointSettings Endpoint)> ExtraNetworks(ContainerInspectResponse old)
    {
        var networkMode = old.HostConfig?.NetworkMode ?? "default";
        var shortId = old.ID.Length >= 12 ? old.ID[..12] : old.ID;
        foreach (var (network, settings) in old.NetworkSettings?.Networks ?? new Dictionary<string, EndpointSettings>())
        {
            if (network != networkMode && IsUserNetwork(network) && settings is not null)
            {
                yield return (network, Endpoint(settings, shortId));
            }
        }
    }

    private static bool IsUserNetwork(string network) => network is not ("host" or "none" or "bridge" or "default");

    private static EndpointSettings Endpoint(EndpointSettings old, string oldShortId) => new()
    {
        // Docker adds the short container id as an alias by itself; the old one would point at nothing.
        Aliases = old.Aliases?.Where(a => a != oldShortId).ToList()!,
        IPAMConfig = old.IPAMConfig,
        Links = old.Links,
        DriverOpts = old.DriverOpts,
    };

    private static bool SameAs(IList<string>? a, IList<string>? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : b is not null && a.SequenceEqual(b);
}
