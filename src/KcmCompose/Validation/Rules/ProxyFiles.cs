using System.Collections.Immutable;
using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>The proxy service with its environment and mounts, as the certificate rules need it.</summary>
internal sealed record ProxyFiles(KcmServiceView Service, ImmutableArray<MountEntry> Mounts)
{
    /// <summary>The nginx server whose settings <see cref="Environment"/> and <see cref="Setting"/> give; <see langword="null"/> for the top-level one.</summary>
    public KcmServerView? Server { get; init; }

    /// <summary>
    /// Every nginx server of every service running the proxy image (<see cref="KcmServices.Proxies"/>), with the
    /// service's mounts: the top-level server, then one per <c>SERVERS</c> entry with its effective settings.
    /// </summary>
    public static IEnumerable<ProxyFiles> FindServers(ValidationContext context)
    {
        foreach (var proxy in Find(context))
        {
            foreach (var server in context.ServersOf(proxy.Service).All)
            {
                yield return proxy with { Server = server };
            }
        }
    }

    /// <summary>The services running the proxy image (<see cref="KcmServices.Proxies"/>), with their mounts: volumes, then configs and secrets (<see cref="SwarmMounts"/>).</summary>
    public static IEnumerable<ProxyFiles> Find(ValidationContext context)
    {
        Dictionary<string, Compose.ComposeService>? typedByName = null;
        foreach (var service in context.Kcm.Proxies)
        {
            // Keyed: one lookup per proxy, and a file can hold thousands of proxies.
            typedByName ??= context.TypedServices.DistinctBy(t => t.Name, StringComparer.Ordinal).ToDictionary(t => t.Name, StringComparer.Ordinal);
            var typed = typedByName.GetValueOrDefault(service.Name);
            yield return new ProxyFiles(service, typed is null ? [] : [.. MountResolver.FromTyped(typed.Volumes), .. SwarmMounts.Of(context, typed)]);
        }
    }

    /// <summary>The effective environment of the proxy.</summary>
    public IReadOnlyDictionary<string, KcmVariable> Environment => Server?.Environment ?? Service.Environment;

    /// <summary>The value of a variable when it is set and not empty.</summary>
    public KcmVariable? Setting(string name) => Server is { } server ? server.Setting(name) : Service.Setting(name);

    public MountResolution Resolve(ValidationContext context, string containerPath) =>
        MountResolver.Resolve(containerPath, Mounts, context.Folder, System.Environment.GetEnvironmentVariable("HOME"));

    /// <summary>Words for a container path that no bind mount makes visible.</summary>
    public static string DescribeUnmounted(MountResolution resolution) => resolution.Kind switch
    {
        MountResolutionKind.EmptyVolume => $"in the {(resolution.Mount!.Kind == MountKind.Tmpfs ? "tmpfs" : "anonymous volume")} '{resolution.Mount.Target}', which starts empty",
        _ => "not under any volume target of the service",
    };

    /// <summary>The text of a mount for messages.</summary>
    public static string Describe(MountEntry mount) => mount.Text;
}
