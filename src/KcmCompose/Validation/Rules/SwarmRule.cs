using System.Globalization;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// Swarm stack files (<see cref="ComposeValidatorOptions.Target"/>, or any service with <c>deploy:</c>):
/// <c>swarm-deploy-invalid</c>, <c>swarm-key-ignored</c>, <c>swarm-proxy-rollout</c>; and, in any file,
/// <c>swarm-file-missing</c> for a config or secret file no certificate rule already covers.
/// </summary>
internal sealed class SwarmRule : IValidationRule
{
    /// <summary>Service keys <c>docker stack deploy</c> ignores (docker/cli's unsupported and deprecated lists), with why.</summary>
    private static readonly Dictionary<string, (string Why, string Instead)> Ignored = new(StringComparer.Ordinal)
    {
        ["build"] = ("Swarm runs images and never builds them.", "; build and push the image first"),
        ["container_name"] = ("Swarm names each task's container itself.", string.Empty),
        ["depends_on"] = ("Swarm starts services in any order, conditions included.", "; the KCM images retry until guacd and the database answer"),
        ["restart"] = ("Swarm restarts tasks by deploy.restart_policy.", " and set deploy.restart_policy.condition (any, on-failure or none)"),
        ["shm_size"] = ("Swarm has no shm_size.", "; mount a tmpfs at /dev/shm with the size instead"),
        ["links"] = ("services on one network reach each other by name.", string.Empty),
        ["external_links"] = ("Swarm does not link containers.", string.Empty),
        ["network_mode"] = ("Swarm attaches services to networks only.", "; join the external network 'host' under networks instead"),
        ["privileged"] = ("Swarm runs no privileged tasks.", string.Empty),
        ["security_opt"] = ("Swarm does not pass security options to tasks.", string.Empty),
        ["devices"] = ("Swarm does not pass devices to tasks.", string.Empty),
        ["cgroup_parent"] = ("Swarm does not set it.", string.Empty),
        ["userns_mode"] = ("Swarm does not set it.", string.Empty),
        ["ipc"] = ("Swarm does not set it.", string.Empty),
        ["pid"] = ("Swarm does not set it.", string.Empty),
        ["mac_address"] = ("Swarm does not set it.", string.Empty),
        ["domainname"] = ("Swarm does not set it.", string.Empty),
        ["expose"] = ("services on one network reach each other's ports anyway.", string.Empty),
    };

    private static readonly (string Path, string[] Allowed)[] Choices =
    [
        ("mode", ["replicated", "global", "replicated-job", "global-job"]),
        ("endpoint_mode", ["vip", "dnsrr"]),
        ("update_config.order", ["start-first", "stop-first"]),
        ("update_config.failure_action", ["continue", "rollback", "pause"]),
        ("rollback_config.order", ["start-first", "stop-first"]),
        ("rollback_config.failure_action", ["continue", "pause"]),
        ("restart_policy.condition", ["none", "on-failure", "any"]),
    ];

    private static readonly string[] Counts = ["replicas", "update_config.parallelism", "rollback_config.parallelism", "restart_policy.max_attempts"];

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        CheckFiles(context, sink);
        if (!IsStackFile(context))
        {
            return;
        }

        foreach (var service in context.Services)
        {
            foreach (var entry in service.Resolved.Entries)
            {
                if (Ignored.TryGetValue(entry.Key.Value, out var reason))
                {
                    sink.Add(context.At(DiagnosticCatalog.SwarmKeyIgnored, entry.Key, $"{service.Path}.{entry.Key.Value}", null, entry.Key.Value, service.Name, reason.Why, reason.Instead));
                }
            }

            if (service.Resolved["deploy"] is ComposeMapping deploy)
            {
                CheckDeploy(context, sink, service.Path + ".deploy", deploy);
            }

            if (service.Role == KcmServiceRole.Proxy)
            {
                CheckProxyRollout(context, sink, service);
            }
        }
    }

    /// <summary>Whether the validator treats the file as a Swarm stack file.</summary>
    internal static bool IsStackFile(ValidationContext context) =>
        context.Options.Target switch
        {
            KcmTarget.Swarm => true,
            KcmTarget.Compose => false,
            _ => SwarmClientAuthentication.IsStackFile(context.InterpolatedRoot),
        };

    private static void CheckDeploy(ValidationContext context, ICollection<Diagnostic> sink, string path, ComposeMapping deploy)
    {
        foreach (var (key, allowed) in Choices)
        {
            if (Find(deploy, key) is { Type: not ScalarType.Null } value && !allowed.Contains(value.Value, StringComparer.Ordinal))
            {
                sink.Add(context.At(DiagnosticCatalog.SwarmDeployInvalid, value, $"{path}.{key}", value.Value, $"{path}.{key}", value.Value, OneOf(allowed)));
            }
        }

        foreach (var key in Counts)
        {
            if (Find(deploy, key) is { Type: not ScalarType.Null } value && !ulong.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                sink.Add(context.At(DiagnosticCatalog.SwarmDeployInvalid, value, $"{path}.{key}", value.Value, $"{path}.{key}", value.Value, "a whole number, 0 or more"));
            }
        }
    }

    private static void CheckProxyRollout(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView proxy)
    {
        var update = (proxy.Resolved["deploy"] as ComposeMapping)?["update_config"] as ComposeMapping;
        var order = (update?["order"] as ComposeScalar)?.Value ?? "stop-first";
        var failure = (update?["failure_action"] as ComposeScalar)?.Value ?? "pause";
        var at = (ComposeNode?)update ?? (ComposeNode?)(proxy.Resolved["deploy"] as ComposeMapping) ?? proxy.Key;
        if (order != "start-first")
        {
            sink.Add(context.At(DiagnosticCatalog.SwarmProxyRollout, at, proxy.Path + ".deploy.update_config.order", order, proxy.Name, "order " + order,
                "the old proxy task stops before the new one runs, so the site is down for every update, a CA rotation included."));
        }
        else if (failure != "rollback")
        {
            sink.Add(context.At(DiagnosticCatalog.SwarmProxyRollout, at, proxy.Path + ".deploy.update_config.failure_action", failure, proxy.Name, "failure_action " + failure,
                "a proxy that fails to start (a broken CA file, say) is not rolled back to the previous configs."));
        }
    }

    /// <summary><c>swarm-file-missing</c> for each top-level config or secret whose <c>file:</c> does not exist, unless a proxy certificate setting points at it (the certificate rules report those).</summary>
    private static void CheckFiles(ValidationContext context, ICollection<Diagnostic> sink)
    {
        if (context.File == ComposeDocument.StringLabel)
        {
            return;
        }

        var covered = CertificateSources(context);
        var home = Environment.GetEnvironmentVariable("HOME");
        foreach (var (section, kind) in new[] { ("configs", "config"), ("secrets", "secret") })
        {
            if (context.InterpolatedRoot[section] is not ComposeMapping definitions)
            {
                continue;
            }

            foreach (var definition in definitions.Entries)
            {
                if (definition.Value is ComposeMapping mapping && mapping["file"] is ComposeScalar { Type: not ScalarType.Null } file
                    && !covered.Contains((section, definition.Key.Value)) && !file.Value.Contains('$', StringComparison.Ordinal))
                {
                    var host = MountResolver.HostSource(file.Value, context.Folder, home);
                    if (!File.Exists(host))
                    {
                        sink.Add(context.At(DiagnosticCatalog.SwarmFileMissing, file, $"{section}.{definition.Key.Value}.file", file.Value, kind, definition.Key.Value, file.Value, host));
                    }
                }
            }
        }
    }

    private static HashSet<(string Section, string Key)> CertificateSources(ValidationContext context)
    {
        var covered = new HashSet<(string, string)>();
        foreach (var proxy in ProxyFiles.Find(context))
        {
            foreach (var setting in KcmSettings.Proxy.Where(s => s.Rule == KcmValueRule.ContainerPath))
            {
                if (proxy.Setting(setting.Name)?.Value is { } target && proxy.Resolve(context, target).Mount is { } mount
                    && mount.Path.Split('.') is [var section and ("configs" or "secrets"), .. var rest, "file"])
                {
                    covered.Add((section, string.Join('.', rest)));
                }
            }
        }

        return covered;
    }

    private static ComposeScalar? Find(ComposeMapping mapping, string dottedPath)
    {
        ComposeNode? node = mapping;
        foreach (var part in dottedPath.Split('.'))
        {
            node = (node as ComposeMapping)?[part];
        }

        return node as ComposeScalar;
    }

    private static string OneOf(string[] allowed) =>
        allowed.Length == 1 ? allowed[0] : string.Join(", ", allowed[..^1]) + " or " + allowed[^1];
}
