using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Maps a <see cref="KcmStack"/> onto a Swarm stack file: the compose mapping of <see cref="KcmComposeMapper"/> with the
/// proxy's CA, certificate and key moved from bind mounts to configs and a secret, <c>restart</c> and <c>depends_on</c>
/// (which Swarm ignores) replaced by <c>deploy:</c>, ports in host mode and every KCM service on one network.
/// </summary>
internal static class KcmSwarmMapper
{
    /// <summary>The top-level keys of the proxy's configs and secret; the names Swarm sees are in <see cref="SwarmFileNames"/>.</summary>
    public const string ClientCaKey = "client-ca", ServerCertificateKey = "server-cert", ServerKeyKey = "server-key";

    /// <summary>The overlay network's key, and the key under which the external <c>host</c> network is declared.</summary>
    public const string OverlayNetwork = "kcm", HostNetwork = "hostnet";

    public static ComposeMapping ToMapping(KcmStack stack, KcmSwarmOptions options, SwarmFileNames names)
    {
        var compose = KcmComposeMapper.ToMapping(stack);
        var services = (ComposeMapping)compose["services"]!;
        foreach (var service in stack.Services)
        {
            var node = (ComposeMapping)services[service.ServiceName]!;
            services = services.Set(service.ServiceName, Service(stack, service, node, options, names));
        }

        var top = compose.Set("services", services);
        top = top.Set("networks", Networks(top["networks"] as ComposeMapping, options));
        var configs = new List<ComposeEntry>();
        var secrets = new List<ComposeEntry>();
        if (stack.Proxy.ClientAuthentication is { CaHostPath: { } ca })
        {
            configs.Add(FileObject(ClientCaKey, ca, names.ClientCa!));
        }

        if (stack.Proxy.Tls is ExistingCertificateTls existing)
        {
            if (existing.CertificateHostPath is { } certificate)
            {
                configs.Add(FileObject(ServerCertificateKey, certificate, names.ServerCertificate!));
            }

            if (existing.PrivateKeyHostPath is { } key)
            {
                secrets.Add(FileObject(ServerKeyKey, key, names.ServerKey!));
            }
        }

        top = Declare(top, "configs", configs);
        top = Declare(top, "secrets", secrets);
        var entries = top.Entries.ToList();
        entries.Sort((a, b) => KcmComposeMapper.TopLevelRank(a.Key.Value).CompareTo(KcmComposeMapper.TopLevelRank(b.Key.Value)) is var c and not 0 ? c : KcmComposeMapper.CompareNames(a.Key.Value, b.Key.Value));
        return new ComposeMapping([.. entries]);
    }

    /// <summary><c>deploy.restart_policy.condition</c> for a compose restart policy.</summary>
    public static string RestartCondition(RestartPolicy policy) => policy switch
    {
        RestartPolicy.OnFailure => "on-failure",
        RestartPolicy.No => "none",
        _ => "any",
    };

    private static ComposeMapping Service(KcmStack stack, KcmService service, ComposeMapping node, KcmSwarmOptions options, SwarmFileNames names)
    {
        var keys = node.Remove("restart").Remove("depends_on");
        var volumes = (keys["volumes"] as ComposeSequence)?.Items.ToList() ?? [];
        if (service is KcmProxy proxy)
        {
            // The derived CA, certificate and key mounts come first (KcmComposeMapper.ProxyMounts); the rest are the user's.
            var derived = KcmComposeMapper.ProxyMounts(proxy).Count() - proxy.ExtraMounts.Length;
            volumes.RemoveRange(0, derived);
            keys = keys.Remove("ports");
            if (options.Network == KcmSwarmNetwork.Overlay && !proxy.Ports.IsEmpty)
            {
                keys = keys.Set("ports", new ComposeSequence([.. proxy.Ports.Select(HostModePort)]));
            }

            keys = WithFiles(keys, proxy);
        }

        if (keys["shm_size"] is ComposeScalar shm && ShmBytes(shm.Value) is { } bytes)
        {
            // Swarm ignores shm_size; a tmpfs over /dev/shm gives the same room.
            keys = keys.Remove("shm_size");
            volumes.Add(new ComposeMapping(
            [
                Entry("type", Text("tmpfs")),
                Entry("target", Text("/dev/shm")),
                Entry("tmpfs", new ComposeMapping([Entry("size", Number(bytes))])),
            ]));
        }

        keys = volumes.Count == 0 ? keys.Remove("volumes") : keys.Set("volumes", new ComposeSequence([.. volumes]));
        keys = keys.Set("networks", new ComposeSequence([Text(options.Network == KcmSwarmNetwork.Host ? HostNetwork : OverlayNetwork)]));
        keys = keys.Set("deploy", Deploy(service, options));
        return new ComposeMapping([.. keys.Entries.OrderBy(e => e.Key.Value, KcmComposeMapper.ServiceKeyComparer.Instance)]);
    }

    /// <summary>The proxy's <c>configs</c> and <c>secrets</c> lists, pointing at the container paths the environment names.</summary>
    private static ComposeMapping WithFiles(ComposeMapping keys, KcmProxy proxy)
    {
        var configs = new List<ComposeNode>();
        var secrets = new List<ComposeNode>();
        if (proxy.ClientAuthentication is { CaHostPath: not null } auth)
        {
            configs.Add(Reference(ClientCaKey, auth.CaFile));
        }

        if (proxy.Tls is ExistingCertificateTls existing)
        {
            if (existing.CertificateHostPath is not null)
            {
                configs.Add(Reference(ServerCertificateKey, existing.CertificateFile));
            }

            if (existing.PrivateKeyHostPath is not null)
            {
                secrets.Add(Reference(ServerKeyKey, existing.PrivateKeyFile));
            }
        }

        keys = configs.Count > 0 ? keys.Set("configs", new ComposeSequence([.. configs])) : keys;
        return secrets.Count > 0 ? keys.Set("secrets", new ComposeSequence([.. secrets])) : keys;
    }

    /// <summary>A service's long-syntax reference to a config or secret.</summary>
    internal static ComposeMapping Reference(string key, ContainerPath target) =>
        new([Entry("source", Text(key)), Entry("target", Text(target.Value))]);

    /// <summary>A top-level config or secret: its file on the host (escaped, it is a literal path) and its hashed name.</summary>
    internal static ComposeEntry FileObject(string key, string hostPath, string name) =>
        Entry(key, new ComposeMapping([Entry("file", Text(ComposeText.Escape(hostPath))), Entry("name", Text(name))]));

    private static ComposeMapping Deploy(KcmService service, KcmSwarmOptions options)
    {
        var restart = new ComposeMapping([Entry("condition", Text(RestartCondition(service.Restart))), Entry("delay", Text("5s"))]);
        if (service is not KcmProxy)
        {
            // One task each; a database never runs twice on its data volume, so it updates stop-first.
            var deploy = new ComposeMapping([Entry("replicas", Number(1)), Entry("restart_policy", restart)]);
            return service is KcmDatabase
                ? deploy.Set("update_config", new ComposeMapping([Entry("order", Text("stop-first")), Entry("failure_action", Text("rollback"))]))
                : deploy;
        }

        // A new proxy task starts, and must stay healthy for the monitor period, before the old one stops; a failed
        // update rolls back to the previous spec (its configs included).
        return new ComposeMapping(
        [
            Entry("replicas", Number(options.ProxyReplicas)),
            Entry("update_config", new ComposeMapping(
            [
                Entry("parallelism", Number(1)),
                Entry("order", Text("start-first")),
                Entry("failure_action", Text("rollback")),
                Entry("monitor", Text("30s")),
            ])),
            Entry("rollback_config", new ComposeMapping(
            [
                Entry("parallelism", Number(1)),
                Entry("order", Text("start-first")),
                Entry("failure_action", Text("pause")),
                Entry("monitor", Text("30s")),
            ])),
            Entry("restart_policy", restart),
        ]);
    }

    private static ComposeMapping Networks(ComposeMapping? existing, KcmSwarmOptions options)
    {
        var network = options.Network == KcmSwarmNetwork.Host
            ? Entry(HostNetwork, new ComposeMapping([Entry("external", new ComposeScalar("true", ScalarType.Boolean)), Entry("name", Text("host"))]))
            : Entry(OverlayNetwork, new ComposeMapping([Entry("driver", Text("overlay"))]));
        return new ComposeMapping([network, .. (existing ?? ComposeMapping.Empty).Entries.Where(e => e.Key.Value != network.Key.Value)]);
    }

    private static ComposeMapping Declare(ComposeMapping top, string section, List<ComposeEntry> declared)
    {
        if (declared.Count == 0)
        {
            return top;
        }

        var existing = top[section] as ComposeMapping ?? ComposeMapping.Empty;
        return top.Set(section, new ComposeMapping([.. declared, .. existing.Entries.Where(e => declared.All(d => d.Key.Value != e.Key.Value))]));
    }

    /// <summary>The long-syntax port Swarm reads: host mode (no routing mesh); Swarm has no host IP, so it is not written.</summary>
    private static ComposeMapping HostModePort(PortBinding port) => new(
    [
        Entry("target", Number(port.Target)),
        Entry("published", Number(port.Published)),
        Entry("protocol", Text("tcp")),
        Entry("mode", Text("host")),
    ]);

    /// <summary>Bytes of a compose size such as <c>1001500k</c> (b, k, m, g: powers of 1024); <see langword="null"/> when unreadable.</summary>
    internal static long? ShmBytes(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.Trim().ToLowerInvariant(), "^([0-9]{1,15})([bkmg]?)b?$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return null;
        }

        var factor = match.Groups[2].Value switch { "k" => 1024L, "m" => 1024L * 1024, "g" => 1024L * 1024 * 1024, _ => 1L };
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * factor;
    }

    private static ComposeEntry Entry(string key, ComposeNode value) => new(new ComposeScalar(key), value);

    private static ComposeScalar Text(string value) => new(value);

    private static ComposeScalar Number(long value) => new(value.ToString(CultureInfo.InvariantCulture), ScalarType.Integer);
}

/// <summary>The hashed Swarm names of the proxy's files (<see cref="SwarmObjectName"/>); <see langword="null"/> where the stack has no such file.</summary>
internal sealed record SwarmFileNames(string? ClientCa, string? ServerCertificate, string? ServerKey);
