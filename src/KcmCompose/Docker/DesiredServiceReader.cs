using System.Collections.Immutable;
using System.Globalization;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.IO;

namespace KcmCompose.Docker;

/// <summary>Turns a typed, interpolated <see cref="ComposeService"/> into the <see cref="DesiredService"/> compared with the container.</summary>
internal static class DesiredServiceReader
{
    /// <param name="service">The service, read from an interpolated document.</param>
    /// <param name="view">The same service in the shared view, whose environment Compose passes to the container.</param>
    /// <param name="projectDirectory">The folder relative bind sources and env files are resolved against.</param>
    /// <param name="variables">The interpolation variables, which also feed pass-through environment entries.</param>
    public static DesiredService Read(ComposeService service, KcmServiceView view, string projectDirectory, IReadOnlyDictionary<string, string> variables)
    {
        if (string.IsNullOrEmpty(service.Image))
        {
            throw new ComposeLoadException(
                $"Service '{service.Name}' has no image.", service.Location, "apply only handles services that name an image; add image: to the service.");
        }

        // The environment Compose gives the container: the one service view's (env_file entries, then environment).
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var variable in view.Environment.Values)
        {
            if (variable.Value is not null)
            {
                environment[variable.Name] = variable.Value;
            }
            else if (variables.TryGetValue(variable.Name, out var passed))
            {
                environment[variable.Name] = passed; // pass-through; an unset one is left out, as Compose does
            }
        }

        var mounts = ImmutableArray.CreateBuilder<DesiredMount>();
        foreach (var volume in service.Volumes)
        {
            switch (volume.Type)
            {
                case VolumeMountType.Bind when volume.Source is not null:
                    mounts.Add(new DesiredMount(MountKind.Bind, HostPath(volume.Source, projectDirectory), volume.Target, volume.ReadOnly));
                    break;
                case VolumeMountType.Volume when !string.IsNullOrEmpty(volume.Source):
                    mounts.Add(new DesiredMount(MountKind.Volume, volume.Source, volume.Target, volume.ReadOnly));
                    break;
                case VolumeMountType.Tmpfs:
                    mounts.Add(new DesiredMount(MountKind.Tmpfs, null, volume.Target, volume.ReadOnly));
                    break;
                default:
                    break; // anonymous volumes, npipe, cluster, image: not compared
            }
        }

        var ports = service.Ports
            .Select(p => new DesiredPort(p.Target, string.IsNullOrEmpty(p.Protocol) ? "tcp" : p.Protocol, string.IsNullOrEmpty(p.HostIp) ? null : p.HostIp, string.IsNullOrEmpty(p.Published) ? null : p.Published))
            .ToImmutableArray();
        var (restart, retries) = ReadRestart(service.Restart ?? string.Empty);
        return new DesiredService(service.Image)
        {
            Environment = environment.ToImmutable(),
            Mounts = mounts.ToImmutable(),
            Ports = ports,
            Restart = restart,
            RestartMaximumRetries = retries,
        };
    }

    private static string HostPath(string source, string projectDirectory)
    {
        if (source.StartsWith('~'))
        {
            source = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + source[1..];
        }

        return Path.GetFullPath(source, projectDirectory);
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
