using System.Collections.Immutable;

namespace KcmCompose.Validation.Rules;

/// <summary>The proxy service with its environment and mounts, as the certificate rules need it.</summary>
internal sealed record ProxyFiles(ServiceNode Service, Dictionary<string, EnvVar> Environment, ImmutableArray<MountEntry> Mounts)
{
    /// <summary>Services running keeper/guacamole-ssl-nginx, or any service that sets CLIENT_CERTIFICATE_FILE or CERTIFICATE_FILE.</summary>
    public static IEnumerable<ProxyFiles> Find(ValidationContext context)
    {
        foreach (var service in context.Services)
        {
            var environment = ServiceEnvironment.Read(context, service);
            if (KeeperImage.Is(service.Text("image"), KeeperImage.Proxy)
                || environment.ContainsKey("CLIENT_CERTIFICATE_FILE")
                || environment.ContainsKey("CERTIFICATE_FILE"))
            {
                var typed = context.TypedServices.FirstOrDefault(t => t.Name == service.Name);
                yield return new ProxyFiles(service, environment, typed is null ? [] : MountResolver.FromTyped(typed.Volumes));
            }
        }
    }

    /// <summary>The value of a variable when it is set and not empty.</summary>
    public EnvVar? Setting(string name) =>
        Environment.TryGetValue(name, out var variable) && !string.IsNullOrWhiteSpace(variable.Value) ? variable : null;

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
