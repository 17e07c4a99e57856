namespace KcmCompose.Validation.Rules;

/// <summary>
/// The keys the Compose specification knows, per kind of mapping, written from
/// <see href="https://github.com/compose-spec/compose-spec/blob/main/schema/compose-spec.json">compose-spec.json</see>.
/// Only the shape (scalar, sequence, mapping) is checked here; values are checked by the rules that understand them.
/// </summary>
internal static class ComposeSchema
{
    private const NodeShape _s = NodeShape.Scalar;
    private const NodeShape _l = NodeShape.Sequence;
    private const NodeShape _m = NodeShape.Mapping;
    private const NodeShape _sl = NodeShape.Scalar | NodeShape.Sequence;
    private const NodeShape _sm = NodeShape.Scalar | NodeShape.Mapping;
    private const NodeShape _lm = NodeShape.Sequence | NodeShape.Mapping;

    public static readonly KeyTable FileReference = Table("secret or config reference", true, Scalars("source", "target", "uid", "gid", "mode"));

    public static readonly KeyTable Port = Table("port", true, Scalars("app_protocol", "host_ip", "mode", "name", "protocol", "published", "target"));

    public static readonly KeyTable DependsOn = Table("depends_on condition", true, Scalars("condition", "required", "restart"));

    public static readonly KeyTable ServiceNetwork = Table(
        "service network",
        true,
        [Key("aliases", _l), Key("driver_opts", _m), Key("link_local_ips", _l), .. Scalars("gw_priority", "interface_name", "ipv4_address", "ipv6_address", "mac_address", "priority")]);

    public static readonly KeyTable Volume = Table(
        "volume mount",
        true,
        [
            .. Scalars("type", "source", "target", "read_only", "consistency"),
            Key("bind", _m, Table("bind options", true, [Key("create_host_path", _s), Key("propagation", _s), Key("recursive", _s), Key("selinux", _s)])),
            Key("volume", _m, Table("volume options", true, [Key("labels", _lm), Key("nocopy", _s), Key("subpath", _s)])),
            Key("tmpfs", _m, Table("tmpfs options", true, Scalars("mode", "size"))),
            Key("image", _m, Table("image options", true, Scalars("subpath"))),
        ]);

    public static readonly KeyTable Healthcheck = Table(
        "healthcheck",
        true,
        [Key("test", _sl), .. Scalars("disable", "interval", "retries", "start_interval", "start_period", "timeout")]);

    public static readonly KeyTable Logging = Table("logging", true, [Key("driver", _s), Key("options", _m)]);

    public static readonly KeyTable Deploy = Table(
        "deploy",
        true,
        [
            .. Scalars("endpoint_mode", "mode", "replicas"),
            Key("labels", _lm),
            Key("placement", _m),
            Key("resources", _m, Table("deploy resources", true, [Key("limits", _m), Key("reservations", _m)])),
            Key("restart_policy", _m),
            Key("rollback_config", _m),
            Key("update_config", _m),
        ]);

    public static readonly KeyTable Build = Table(
        "build",
        true,
        [
            .. Scalars("context", "dockerfile", "dockerfile_inline", "isolation", "network", "no_cache", "privileged", "provenance", "pull", "sbom", "shm_size", "target"),
            Key("additional_contexts", _lm), Key("args", _lm), Key("cache_from", _l), Key("cache_to", _l), Key("entitlements", _l),
            Key("extra_hosts", _lm), Key("labels", _lm), Key("platforms", _l), Key("secrets", _l), Key("ssh", _lm), Key("tags", _l), Key("ulimits", _m),
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
            Key("annotations", _lm), Key("blkio_config", _m), Key("build", _sm, Build), Key("cap_add", _l), Key("cap_drop", _l),
            Key("command", _sl), Key("configs", _l, null, FileReference), Key("credential_spec", _m),
            Key("depends_on", _lm, null, DependsOn), Key("deploy", _m, Deploy), Key("develop", _m), Key("device_cgroup_rules", _l),
            Key("devices", _l), Key("dns", _sl), Key("dns_opt", _l), Key("dns_search", _sl), Key("entrypoint", _sl), Key("env_file", _sl),
            Key("environment", _lm), Key("expose", _l), Key("extends", _sm), Key("external_links", _l), Key("extra_hosts", _lm),
            Key("gpus", _sl), Key("group_add", _l), Key("healthcheck", _m, Healthcheck), Key("label_file", _sl), Key("labels", _lm),
            Key("links", _l), Key("logging", _m, Logging), Key("models", _lm), Key("networks", _lm, null, ServiceNetwork),
            Key("ports", _l, null, Port), Key("post_start", _l), Key("pre_stop", _l), Key("profiles", _l), Key("provider", _m),
            Key("secrets", _l, null, FileReference), Key("security_opt", _l), Key("storage_opt", _m), Key("sysctls", _lm),
            Key("tmpfs", _sl), Key("ulimits", _m), Key("volumes", _l, null, Volume), Key("volumes_from", _l),
        ]);

    public static readonly KeyTable NetworkDefinition = Table(
        "network",
        true,
        [.. Scalars("attachable", "driver", "enable_ipv4", "enable_ipv6", "internal", "name"), Key("driver_opts", _m), Key("external", _sm), Key("ipam", _m), Key("labels", _lm)]);

    public static readonly KeyTable VolumeDefinition = Table(
        "volume",
        true,
        [Key("driver", _s), Key("driver_opts", _m), Key("external", _sm), Key("labels", _lm), Key("name", _s)]);

    public static readonly KeyTable SecretDefinition = Table(
        "secret",
        true,
        [.. Scalars("driver", "environment", "file", "name", "template_driver"), Key("driver_opts", _m), Key("external", _sm), Key("labels", _lm)]);

    public static readonly KeyTable ConfigDefinition = Table(
        "config",
        true,
        [.. Scalars("content", "environment", "file", "name", "template_driver"), Key("external", _sm), Key("labels", _lm)]);

    public static readonly KeyTable TopLevel = Table(
        "top-level",
        true,
        [
            Key("name", _s), Key("version", _s), Key("include", _l), Key("models", _m),
            Key("services", _m, null, Service),
            Key("networks", _m, null, NetworkDefinition),
            Key("volumes", _m, null, VolumeDefinition),
            Key("secrets", _m, null, SecretDefinition),
            Key("configs", _m, null, ConfigDefinition),
        ]);

    private static KeyTable Table(string kind, bool allowsExtensions, IEnumerable<KeyValuePair<string, KeySpec>> keys) =>
        new(kind, allowsExtensions, keys);

    private static KeyValuePair<string, KeySpec> Key(string name, NodeShape shape, KeyTable? keys = null, KeyTable? itemKeys = null) =>
        new(name, new KeySpec(shape, keys, itemKeys));

    private static IEnumerable<KeyValuePair<string, KeySpec>> Scalars(params string[] names) =>
        names.Select(n => Key(n, _s));
}
