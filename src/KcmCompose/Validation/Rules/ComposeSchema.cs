namespace KcmCompose.Validation.Rules;

/// <summary>
/// The keys the Compose specification knows, per kind of mapping, written from
/// <see href="https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json">compose-spec.json</see>.
/// Only the shape (scalar, sequence, mapping) is checked here; values are checked by the rules that understand them.
/// </summary>
internal static class ComposeSchema
{
    private const NodeShape S = NodeShape.Scalar;
    private const NodeShape L = NodeShape.Sequence;
    private const NodeShape M = NodeShape.Mapping;
    private const NodeShape SL = NodeShape.Scalar | NodeShape.Sequence;
    private const NodeShape SM = NodeShape.Scalar | NodeShape.Mapping;
    private const NodeShape LM = NodeShape.Sequence | NodeShape.Mapping;

    public static readonly KeyTable FileReference = Table("secret or config reference", true, Scalars("source", "target", "uid", "gid", "mode"));

    public static readonly KeyTable Port = Table("port", true, Scalars("app_protocol", "host_ip", "mode", "name", "protocol", "published", "target"));

    public static readonly KeyTable DependsOn = Table("depends_on condition", true, Scalars("condition", "required", "restart"));

    public static readonly KeyTable ServiceNetwork = Table(
        "service network",
        true,
        [Key("aliases", L), Key("driver_opts", M), Key("link_local_ips", L), .. Scalars("gw_priority", "interface_name", "ipv4_address", "ipv6_address", "mac_address", "priority")]);

    public static readonly KeyTable Volume = Table(
        "volume mount",
        true,
        [
            .. Scalars("type", "source", "target", "read_only", "consistency"),
            Key("bind", M, Table("bind options", true, [Key("create_host_path", S), Key("propagation", S), Key("recursive", S), Key("selinux", S)])),
            Key("volume", M, Table("volume options", true, [Key("labels", LM), Key("nocopy", S), Key("subpath", S)])),
            Key("tmpfs", M, Table("tmpfs options", true, Scalars("mode", "size"))),
            Key("image", M, Table("image options", true, Scalars("subpath"))),
        ]);

    public static readonly KeyTable Healthcheck = Table(
        "healthcheck",
        true,
        [Key("test", SL), .. Scalars("disable", "interval", "retries", "start_interval", "start_period", "timeout")]);

    public static readonly KeyTable Logging = Table("logging", true, [Key("driver", S), Key("options", M)]);

    public static readonly KeyTable Deploy = Table(
        "deploy",
        true,
        [
            .. Scalars("endpoint_mode", "mode", "replicas"),
            Key("labels", LM),
            Key("placement", M),
            Key("resources", M, Table("deploy resources", true, [Key("limits", M), Key("reservations", M)])),
            Key("restart_policy", M),
            Key("rollback_config", M),
            Key("update_config", M),
        ]);

    public static readonly KeyTable Build = Table(
        "build",
        true,
        [
            .. Scalars("context", "dockerfile", "dockerfile_inline", "isolation", "network", "no_cache", "privileged", "provenance", "pull", "sbom", "shm_size", "target"),
            Key("additional_contexts", LM), Key("args", LM), Key("cache_from", L), Key("cache_to", L), Key("entitlements", L),
            Key("extra_hosts", LM), Key("labels", LM), Key("platforms", L), Key("secrets", L), Key("ssh", LM), Key("tags", L), Key("ulimits", M),
        ]);

    public static readonly KeyTable Service = Table(
        "service",
        true,
        [
            .. Scalars(
                "attach", "cgroup", "cgroup_parent", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota",
                "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "domainname", "hostname", "image", "init", "ipc",
                "isolation", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode",
                "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "privileged", "pull_policy", "pull_refresh_after",
                "read_only", "restart", "runtime", "scale", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "tty",
                "use_api_socket", "user", "userns_mode", "uts", "working_dir"),
            Key("annotations", LM), Key("blkio_config", M), Key("build", SM, Build), Key("cap_add", L), Key("cap_drop", L),
            Key("command", SL), Key("configs", L, null, FileReference), Key("credential_spec", M),
            Key("depends_on", LM, null, DependsOn), Key("deploy", M, Deploy), Key("develop", M), Key("device_cgroup_rules", L),
            Key("devices", L), Key("dns", SL), Key("dns_opt", L), Key("dns_search", SL), Key("entrypoint", SL), Key("env_file", SL),
            Key("environment", LM), Key("expose", L), Key("extends", SM), Key("external_links", L), Key("extra_hosts", LM),
            Key("gpus", SL), Key("group_add", L), Key("healthcheck", M, Healthcheck), Key("label_file", SL), Key("labels", LM),
            Key("links", L), Key("logging", M, Logging), Key("models", LM), Key("networks", LM, null, ServiceNetwork),
            Key("ports", L, null, Port), Key("post_start", L), Key("pre_stop", L), Key("profiles", L), Key("provider", M),
            Key("secrets", L, null, FileReference), Key("security_opt", L), Key("storage_opt", M), Key("sysctls", LM),
            Key("tmpfs", SL), Key("ulimits", M), Key("volumes", L, null, Volume), Key("volumes_from", L),
        ]);

    public static readonly KeyTable NetworkDefinition = Table(
        "network",
        true,
        [.. Scalars("attachable", "driver", "enable_ipv4", "enable_ipv6", "internal", "name"), Key("driver_opts", M), Key("external", SM), Key("ipam", M), Key("labels", LM)]);

    public static readonly KeyTable VolumeDefinition = Table(
        "volume",
        true,
        [Key("driver", S), Key("driver_opts", M), Key("external", SM), Key("labels", LM), Key("name", S)]);

    public static readonly KeyTable SecretDefinition = Table(
        "secret",
        true,
        [.. Scalars("driver", "environment", "file", "name", "template_driver"), Key("driver_opts", M), Key("external", SM), Key("labels", LM)]);

    public static readonly KeyTable ConfigDefinition = Table(
        "config",
        true,
        [.. Scalars("content", "environment", "file", "name", "template_driver"), Key("external", SM), Key("labels", LM)]);

    public static readonly KeyTable TopLevel = Table(
        "top-level",
        true,
        [
            Key("name", S), Key("version", S), Key("include", L), Key("models", M),
            Key("services", M, null, Service),
            Key("networks", M, null, NetworkDefinition),
            Key("volumes", M, null, VolumeDefinition),
            Key("secrets", M, null, SecretDefinition),
            Key("configs", M, null, ConfigDefinition),
        ]);

    private static KeyTable Table(string kind, bool allowsExtensions, IEnumerable<KeyValuePair<string, KeySpec>> keys) =>
        new(kind, allowsExtensions, keys);

    private static KeyValuePair<string, KeySpec> Key(string name, NodeShape shape, KeyTable? keys = null, KeyTable? itemKeys = null) =>
        new(name, new KeySpec(shape, keys, itemKeys));

    private static IEnumerable<KeyValuePair<string, KeySpec>> Scalars(params string[] names) =>
        names.Select(n => Key(n, S));
}
