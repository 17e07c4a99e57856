using System.Collections.Immutable;
using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Maps a <see cref="KcmStack"/> onto compose nodes. Literal values are escaped (<c>$</c> becomes <c>$$</c>);
/// service keys follow dclint's <c>service-keys-order</c>; environment keys are sorted ordinally.
/// </summary>
internal static class KcmComposeMapper
{
    /// <summary>dclint 3.1 <c>service-keys-order</c> groups, flattened; unlisted keys follow, sorted.</summary>
    private static readonly string[] ServiceKeyOrder =
    [
        "image", "build", "container_name",
        "depends_on",
        "volumes", "volumes_from", "configs", "secrets",
        "environment", "env_file",
        "ports", "networks", "network_mode", "extra_hosts",
        "command", "entrypoint", "working_dir", "restart", "healthcheck",
        "logging", "labels",
        "user", "isolation",
    ];

    /// <summary>dclint <c>top-level-properties-order</c>, with <c>x-*</c> keys first.</summary>
    private static readonly string[] TopLevelOrder = ["version", "name", "include", "services", "networks", "volumes", "secrets", "configs"];

    public static ComposeMapping ToMapping(KcmStack stack)
    {
        var services = new List<ComposeEntry>
        {
            Entry(stack.Database.ServiceName, Service(stack.Database, DatabaseEnvironment(stack), [.. DataMount(stack)], [], [])),
            Entry(stack.Guacamole.ServiceName, Service(stack.Guacamole, GuacamoleEnvironment(stack), [.. GuacamoleMount(stack)], [], [stack.Database.ServiceName, stack.Guacd.ServiceName])),
            Entry(stack.Guacd.ServiceName, Service(stack.Guacd, Eula(stack), [.. GuacamoleMount(stack)], [], [])),
            Entry(stack.Proxy.ServiceName, Service(stack.Proxy, ProxyEnvironment(stack), [.. ProxyMountTexts(stack.Proxy)], [.. stack.Proxy.Ports.Select(p => p.ToComposeText())], [stack.Guacamole.ServiceName])),
        };
        services.AddRange(stack.OtherServices.Entries);
        services.Sort((a, b) => CompareNames(a.Key.Value, b.Key.Value));

        var top = new List<ComposeEntry>(WithVolumeDeclarations(stack).Entries) { Entry("services", new ComposeMapping([.. services])) };
        top.Sort((a, b) => TopLevelRank(a.Key.Value).CompareTo(TopLevelRank(b.Key.Value)) is var c and not 0 ? c : CompareNames(a.Key.Value, b.Key.Value));
        return new ComposeMapping([.. top]);
    }

    /// <summary>The named volumes the model declares: <see cref="KcmDatabase.DataVolume"/> and <see cref="KcmStack.GuacamoleVolume"/>.</summary>
    public static IEnumerable<string> ModelVolumes(KcmStack stack) =>
        new[] { stack.Database.DataVolume, stack.GuacamoleVolume }.OfType<string>();

    private static IEnumerable<string> DataMount(KcmStack stack) =>
        stack.Database.DataVolume is { } name ? [$"{name}:{KcmDataDirectories.Database(stack.Database.Kind)}"] : [];

    private static IEnumerable<string> GuacamoleMount(KcmStack stack) =>
        stack.GuacamoleVolume is { } name ? [$"{name}:{KcmDataDirectories.Guacamole}"] : [];

    /// <summary><see cref="KcmStack.OtherTopLevel"/> with the model's volumes declared first under <c>volumes</c>.</summary>
    private static ComposeMapping WithVolumeDeclarations(KcmStack stack)
    {
        var declared = ModelVolumes(stack).Select(v => Entry(v, ComposeScalar.Null)).ToList();
        if (declared.Count == 0)
        {
            return stack.OtherTopLevel;
        }

        var existing = stack.OtherTopLevel["volumes"] as ComposeMapping ?? ComposeMapping.Empty;
        return stack.OtherTopLevel.Set("volumes", new ComposeMapping([.. declared, .. existing.Entries]));
    }

    /// <summary>The proxy's volumes: the CA, certificate and key mounts the model implies, then <see cref="KcmProxy.ExtraMounts"/>.</summary>
    public static IEnumerable<ServiceMount> ProxyMounts(KcmProxy proxy)
    {
        if (proxy.ClientAuthentication is { CaHostPath: { } ca } auth)
        {
            yield return new ServiceMount(ca, auth.CaFile);
        }

        if (proxy.Tls is ExistingCertificateTls existing)
        {
            if (existing.CertificateHostPath is { } certificate)
            {
                yield return new ServiceMount(certificate, existing.CertificateFile);
            }

            if (existing.PrivateKeyHostPath is { } key)
            {
                yield return new ServiceMount(key, existing.PrivateKeyFile);
            }
        }

        foreach (var mount in proxy.ExtraMounts)
        {
            yield return mount;
        }
    }

    /// <summary>
    /// The proxy's volume entries as compose text. The CA, certificate and key host paths are literal paths, so their
    /// <c>$</c> is escaped (<see cref="ComposeText.Escape"/>, as client-auth does) or Compose would interpolate it;
    /// <see cref="KcmProxy.ExtraMounts"/> are compose text kept as read.
    /// </summary>
    private static IEnumerable<string> ProxyMountTexts(KcmProxy proxy)
    {
        var mounts = ProxyMounts(proxy).ToList();
        var typed = mounts.Count - proxy.ExtraMounts.Length;
        return mounts.Select((m, i) => (i < typed ? m with { Source = ComposeText.Escape(m.Source) } : m).ToComposeText());
    }

    /// <summary>The depends_on list the model implies for <paramref name="service"/>; the reader drops a depends_on equal to it.</summary>
    public static ImmutableArray<string> ImpliedDependencies(KcmStack stack, KcmService service) => service switch
    {
        KcmProxy => [stack.Guacamole.ServiceName],
        KcmGuacamole => [.. new[] { stack.Database.ServiceName, stack.Guacd.ServiceName }.Order(StringComparer.Ordinal)],
        _ => [],
    };

    public static string RestartText(RestartPolicy policy) => policy switch
    {
        RestartPolicy.Always => "always",
        RestartPolicy.OnFailure => "on-failure",
        RestartPolicy.No => "no",
        _ => "unless-stopped",
    };

    private static ComposeMapping Service(KcmService service, SortedDictionary<string, EnvironmentValue?> environment, string[] volumes, string[] ports, string[] dependsOn)
    {
        var keys = new Dictionary<string, ComposeNode>(StringComparer.Ordinal)
        {
            ["image"] = new ComposeScalar(service.Image),
            ["restart"] = new ComposeScalar(RestartText(service.Restart)),
        };
        foreach (var entry in service.ExtraEnvironment)
        {
            environment[entry.Name] = entry.Value;
        }

        if (environment.Count > 0)
        {
            keys["environment"] = new ComposeMapping([.. environment.Select(e => Entry(e.Key, e.Value is null ? ComposeScalar.Null : new ComposeScalar(e.Value.ToComposeText())))]);
        }

        if (volumes.Length > 0)
        {
            keys["volumes"] = Sequence(volumes);
        }

        if (ports.Length > 0)
        {
            keys["ports"] = new ComposeSequence([.. ports.Select(p => new ComposeScalar(p) { Style = ScalarStyle.SingleQuoted })]);
        }

        if (dependsOn.Length > 0)
        {
            keys["depends_on"] = Sequence([.. dependsOn.Order(StringComparer.Ordinal)]);
        }

        foreach (var entry in service.OtherKeys.Entries)
        {
            keys[entry.Key.Value] = entry.Value;
        }

        return new ComposeMapping([.. keys.OrderBy(k => k.Key, ServiceKeyComparer.Instance).Select(k => Entry(k.Key, k.Value))]);
    }

    private static SortedDictionary<string, EnvironmentValue?> Eula(KcmStack stack)
    {
        var environment = new SortedDictionary<string, EnvironmentValue?>(StringComparer.Ordinal);
        if (stack.AcceptEula)
        {
            environment[KcmVariables.AcceptEula] = EnvironmentValue.Literal(KcmVariables.Yes);
        }

        return environment;
    }

    private static SortedDictionary<string, EnvironmentValue?> ProxyEnvironment(KcmStack stack) => ProxyEnvironment(stack.Proxy, Eula(stack));

    /// <summary>The variables the model writes for <paramref name="proxy"/> (without its extra environment), added to <paramref name="environment"/>.</summary>
    internal static SortedDictionary<string, EnvironmentValue?> ProxyEnvironment(KcmProxy proxy, SortedDictionary<string, EnvironmentValue?> environment)
    {
        environment[KcmVariables.SslHostname] = EnvironmentValue.Literal(proxy.SslHostname.Value);
        environment[KcmVariables.GuacamoleHostname] = EnvironmentValue.Literal(proxy.GuacamoleHostname.Value);
        switch (proxy.Tls)
        {
            case LetsEncryptTls letsEncrypt:
                if (letsEncrypt.AcceptTermsOfService)
                {
                    environment[KcmVariables.LetsEncryptAcceptTos] = EnvironmentValue.Literal(KcmVariables.Yes);
                }

                if (letsEncrypt.Email is { } email)
                {
                    environment[KcmVariables.LetsEncryptEmail] = EnvironmentValue.Literal(email);
                }

                if (letsEncrypt.Staging)
                {
                    environment[KcmVariables.LetsEncryptStaging] = EnvironmentValue.Literal(KcmVariables.Yes);
                }

                break;
            case SelfSignedTls:
                environment[KcmVariables.SelfSigned] = EnvironmentValue.Literal(KcmVariables.Yes);
                break;
            case ExistingCertificateTls existing:
                environment[KcmVariables.CertificateFile] = EnvironmentValue.Literal(existing.CertificateFile.Value);
                environment[KcmVariables.PrivateKeyFile] = EnvironmentValue.Literal(existing.PrivateKeyFile.Value);
                break;
        }

        if (proxy.ContentTypeOptions)
        {
            environment[KcmVariables.ContentTypeOptions] = EnvironmentValue.Literal(KcmVariables.Yes);
        }

        if (proxy.ContentSecurityPolicy)
        {
            environment[KcmVariables.ContentSecurityPolicy] = EnvironmentValue.Literal(KcmVariables.Yes);
        }

        if (proxy.ClientAuthentication is { } auth)
        {
            environment[KcmVariables.ClientCertificateFile] = EnvironmentValue.Literal(auth.CaFile.Value);
            if (auth.VerifyClient is { } mode)
            {
                environment[KcmVariables.SslVerifyClient] = EnvironmentValue.Literal(mode.ToComposeValue());
            }

            if (auth.VerifyDepth is { } depth)
            {
                environment[KcmVariables.SslVerifyDepth] = EnvironmentValue.Literal(depth.ToString(CultureInfo.InvariantCulture));
            }

            if (auth.AdditionalNginxConfig is { } config)
            {
                environment[KcmVariables.AdditionalNginxConfig] = EnvironmentValue.Literal(config);
            }
        }

        if (!proxy.Servers.IsEmpty)
        {
            environment[KcmVariables.Servers] = EnvironmentValue.Literal(KcmServerSettings.Format(proxy.Servers));
        }

        return environment;
    }

    private static SortedDictionary<string, EnvironmentValue?> GuacamoleEnvironment(KcmStack stack)
    {
        var guacamole = stack.Guacamole;
        var database = stack.Database;
        var prefix = KcmVariables.DatabasePrefix(database.Kind);
        var environment = Eula(stack);
        environment[KcmVariables.GuacdHostname] = EnvironmentValue.Literal(guacamole.GuacdHostname.Value);
        environment[prefix + "_HOSTNAME"] = EnvironmentValue.Literal(guacamole.DatabaseHostname.Value);
        environment[prefix + "_DATABASE"] = EnvironmentValue.Literal(database.DatabaseName);
        environment[prefix + "_USERNAME"] = EnvironmentValue.Literal(database.Username);
        environment[prefix + "_PASSWORD"] = database.Password;
        if (guacamole.License is { } license)
        {
            environment[KcmVariables.KcmLicense] = license;
        }

        return environment;
    }

    private static SortedDictionary<string, EnvironmentValue?> DatabaseEnvironment(KcmStack stack)
    {
        var database = stack.Database;
        var environment = Eula(stack);
        environment[KcmVariables.GuacamoleDatabase] = EnvironmentValue.Literal(database.DatabaseName);
        environment[KcmVariables.GuacamoleUsername] = EnvironmentValue.Literal(database.Username);
        environment[KcmVariables.GuacamolePassword] = database.Password;
        if (database.AdminPassword is { } admin)
        {
            environment[KcmVariables.GuacamoleAdminPassword] = admin;
        }

        if (database.RootPassword is { } root)
        {
            environment[KcmVariables.MySqlRootPassword] = root;
        }

        if (database.PostgresPassword is { } postgres)
        {
            environment[KcmVariables.PostgresPassword] = postgres;
        }

        return environment;
    }

    private static ComposeEntry Entry(string key, ComposeNode value) => new(new ComposeScalar(key), value);

    private static ComposeSequence Sequence(IEnumerable<string> items) => new([.. items.Select(i => (ComposeNode)new ComposeScalar(i))]);

    internal static int TopLevelRank(string key) =>
        key.StartsWith("x-", StringComparison.Ordinal) ? -1 : Array.IndexOf(TopLevelOrder, key) is var i and >= 0 ? i : TopLevelOrder.Length;

    /// <summary>Close to JavaScript's <c>localeCompare</c> for the ASCII names compose uses: case-insensitive, then ordinal.</summary>
    internal static int CompareNames(string a, string b) =>
        StringComparer.OrdinalIgnoreCase.Compare(a, b) is var c and not 0 ? c : StringComparer.Ordinal.Compare(a, b);

    internal sealed class ServiceKeyComparer : IComparer<string>
    {
        public static ServiceKeyComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var rx = Rank(x!);
            var ry = Rank(y!);
            return rx != ry ? rx.CompareTo(ry) : CompareNames(x!, y!);
        }

        private static int Rank(string key) => Array.IndexOf(ServiceKeyOrder, key) is var i and >= 0 ? i : ServiceKeyOrder.Length;
    }
}
