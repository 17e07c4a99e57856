using System.Collections.Immutable;
using System.Text.RegularExpressions;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>The checks behind <see cref="KcmStack.Validate"/>: every problem in one pass.</summary>
internal static partial class KcmStackValidator
{
    public static ImmutableArray<ComposeProblem> Validate(KcmStack stack)
    {
        var errors = ImmutableArray.CreateBuilder<ComposeProblem>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in stack.Services)
        {
            if (!ServiceName().IsMatch(service.ServiceName ?? string.Empty))
            {
                errors.Add(Invalid($"Service name '{service.ServiceName}' must consist of letters, digits, '.', '_' and '-'."));
            }
            else if (!names.Add(service.ServiceName!))
            {
                errors.Add(Invalid($"Service name '{service.ServiceName}' is used twice."));
            }

            if (string.IsNullOrWhiteSpace(service.Image) || service.Image.Any(char.IsWhiteSpace) || service.Image.Contains('$', StringComparison.Ordinal))
            {
                errors.Add(Invalid($"Service '{service.ServiceName}' has image '{service.Image}', which is not an image reference."));
            }

            var modelled = ModelledVariables(stack, service);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in service.ExtraEnvironment)
            {
                if (!VariableName().IsMatch(entry.Name ?? string.Empty))
                {
                    errors.Add(Invalid($"Extra environment name '{entry.Name}' of service '{service.ServiceName}' is not a variable name."));
                }
                else if (modelled.Contains(entry.Name!))
                {
                    errors.Add(Invalid($"Extra environment entry {entry.Name} of service '{service.ServiceName}' is set by the model; use the typed property instead."));
                }
                else if (!seen.Add(entry.Name!))
                {
                    errors.Add(Invalid($"Extra environment entry {entry.Name} of service '{service.ServiceName}' is given twice."));
                }
            }

            foreach (var key in (string[])["image", "restart", "environment"])
            {
                if (service.OtherKeys.Find(key) is not null)
                {
                    errors.Add(Invalid($"Service '{service.ServiceName}' has '{key}' among its other keys; it is written from the typed model."));
                }
            }

            if (service.OtherKeys.Find("volumes") is not null && (service is KcmDatabase { DataVolume: not null } || service is KcmGuacd or KcmGuacamole && stack.GuacamoleVolume is not null))
            {
                errors.Add(Invalid($"Service '{service.ServiceName}' has 'volumes' among its other keys and a modelled volume; keep one."));
            }

            if (service is KcmProxy && service.OtherKeys.Find("ports") is not null || service is KcmProxy && service.OtherKeys.Find("volumes") is not null)
            {
                errors.Add(Invalid($"Service '{service.ServiceName}' has 'ports' or 'volumes' among its other keys; use Ports and ExtraMounts."));
            }
        }

        ValidateProxy(stack.Proxy, errors);
        ValidateDatabase(stack.Database, errors);
        foreach (var entry in stack.OtherServices.Entries)
        {
            if (names.Contains(entry.Key.Value))
            {
                errors.Add(Invalid($"Other service '{entry.Key.Value}' has the name of a KCM service."));
            }
        }

        if (stack.OtherTopLevel.Find("services") is not null)
        {
            errors.Add(Invalid("OtherTopLevel must not hold 'services'; use OtherServices."));
        }

        ValidateVolumes(stack, errors);

        return errors.ToImmutable();
    }

    private static void ValidateProxy(KcmProxy proxy, ImmutableArray<ComposeProblem>.Builder errors)
    {
        foreach (var port in proxy.Ports)
        {
            if (port.Published is < 1 or > 65535 || port.Target is < 1 or > 65535)
            {
                errors.Add(Invalid($"Port {port} must publish and target ports between 1 and 65535."));
            }

            if (port.HostIp is not null && !System.Net.IPAddress.TryParse(port.HostIp, out _))
            {
                errors.Add(Invalid($"Port {port} must name the host interface as an IP address (0.0.0.0 for all)."));
            }
        }

        var published = proxy.Ports.GroupBy(p => p.Published).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var port in published)
        {
            errors.Add(Invalid($"Host port {port} is published twice."));
        }

        switch (proxy.Tls)
        {
            case LetsEncryptTls { Email: { } email } when email.IndexOfAny(['\n', '\r', '$']) >= 0 || !email.Contains('@', StringComparison.Ordinal):
                errors.Add(Invalid($"Let's Encrypt e-mail '{email}' is not an e-mail address."));
                break;
            case ExistingCertificateTls existing:
                CheckHostPath(existing.CertificateHostPath, "certificate", errors);
                CheckHostPath(existing.PrivateKeyHostPath, "private key", errors);
                break;
            case null:
                errors.Add(Invalid("The proxy needs a TLS mode."));
                break;
        }

        if (proxy.ClientAuthentication is { } auth)
        {
            CheckHostPath(auth.CaHostPath, "client CA", errors);
            if (auth.VerifyDepth is < 0)
            {
                errors.Add(Invalid($"SSL_VERIFY_DEPTH must be 0 or more, not {auth.VerifyDepth}: {KcmSettings.SslVerifyDepth.Documentation}", KcmProblemCodes.VerifyDepthInvalid));
            }

            if (auth.AdditionalNginxConfig is { } config && config.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(Invalid("ADDITIONAL_NGINX_CONFIG must not contain NUL."));
            }
        }

        var hostnames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { proxy.SslHostname.Value.TrimEnd('.') };
        foreach (var server in proxy.Servers)
        {
            if (!hostnames.Add(server.SslHostname.Value.TrimEnd('.')))
            {
                errors.Add(Invalid($"Host name {server.SslHostname} is served twice; every SERVERS entry needs its own SSL_HOSTNAME.", KcmProblemCodes.ServerHostnameDuplicate));
            }
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in KcmComposeMapper.ProxyMounts(proxy))
        {
            if (!targets.Add(mount.Target.Value))
            {
                errors.Add(Invalid($"Container path {mount.Target.Value} is mounted twice in the proxy."));
            }

            if (string.IsNullOrEmpty(mount.Source) || mount.Source.IndexOfAny([':', '\n', '\r', '\0']) >= 0)
            {
                errors.Add(Invalid($"Mount source '{mount.Source}' must be a non-empty path or volume name without ':' or line breaks."));
            }
        }
    }

    private static void CheckHostPath(string? path, string what, ImmutableArray<ComposeProblem>.Builder errors)
    {
        if (path is not null && (path.Length == 0 || path.IndexOfAny([':', '\n', '\r', '\0']) >= 0))
        {
            errors.Add(Invalid($"The {what} host path '{path}' must be non-empty and free of ':' and line breaks."));
        }
    }

    /// <summary>A Docker volume name: a letter or digit, then letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</summary>
    public static bool IsVolumeName(string? name) => name is not null && VolumeName().IsMatch(name);

    private static void ValidateVolumes(KcmStack stack, ImmutableArray<ComposeProblem>.Builder errors)
    {
        var names = KcmComposeMapper.ModelVolumes(stack).ToList();
        foreach (var name in names.Where(n => !IsVolumeName(n)))
        {
            errors.Add(Invalid($"Volume name '{name}' must start with a letter or digit and hold only letters, digits, '_', '.' and '-'."));
        }

        if (names.Count == 2 && names[0] == names[1])
        {
            errors.Add(Invalid($"The database data volume and the Guacamole volume must differ; both are '{names[0]}'."));
        }

        if (names.Count > 0 && stack.OtherTopLevel.Find("volumes") is { } volumes
            && (volumes.Value is not ComposeMapping declared || declared.Entries.IsEmpty || names.Any(n => declared.Find(n) is not null)))
        {
            errors.Add(Invalid("OtherTopLevel 'volumes' must be a non-empty mapping that does not declare the model's volumes."));
        }
    }

    private static void ValidateDatabase(KcmDatabase database, ImmutableArray<ComposeProblem>.Builder errors)
    {
        foreach (var (name, value) in (ReadOnlySpan<(string, string)>)[("database name", database.DatabaseName), ("database user", database.Username)])
        {
            if (!DatabaseIdentifier().IsMatch(value ?? string.Empty))
            {
                errors.Add(Invalid($"The {name} '{value}' must be 1 to 63 letters, digits or '_'."));
            }
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, EnvironmentValue?)>)[("database password", database.Password), ("admin password", database.AdminPassword), ("root password", database.RootPassword), ("PostgreSQL password", database.PostgresPassword)])
        {
            if (value is { Kind: EnvironmentValueKind.Literal } literal && (literal.Text.Length == 0 || literal.Text.IndexOfAny(['\n', '\r', '\0']) >= 0))
            {
                errors.Add(Invalid($"The {name} must be non-empty and on one line."));
            }
        }

        if (database.Password is null)
        {
            errors.Add(Invalid("The database password is required."));
        }

        if (database.Kind != DatabaseKind.MySql && database.RootPassword is not null)
        {
            errors.Add(Invalid("A root password applies to MySQL only."));
        }

        if (database.Kind != DatabaseKind.PostgreSql && database.PostgresPassword is not null)
        {
            errors.Add(Invalid("POSTGRES_PASSWORD applies to PostgreSQL only."));
        }
    }

    /// <summary>The environment names the model writes for <paramref name="service"/>; extra entries must not reuse them.</summary>
    public static ImmutableHashSet<string> ModelledVariables(KcmStack stack, KcmService service)
    {
        var names = new List<string> { KcmVariables.AcceptEula };
        switch (service)
        {
            case KcmProxy proxy:
                names.AddRange([
                    KcmVariables.GuacamoleHostname, KcmVariables.SslHostname, KcmVariables.LetsEncryptAcceptTos,
                    KcmVariables.LetsEncryptEmail, KcmVariables.LetsEncryptStaging, KcmVariables.SelfSigned,
                    KcmVariables.CertificateFile, KcmVariables.PrivateKeyFile, KcmVariables.ClientCertificateFile,
                    KcmVariables.SslVerifyClient, KcmVariables.SslVerifyDepth, KcmVariables.Servers]);
                if (proxy.ClientAuthentication is not null)
                {
                    names.Add(KcmVariables.AdditionalNginxConfig);
                }

                break;
            case KcmGuacamole:
                var prefix = KcmVariables.DatabasePrefix(stack.Database.Kind);
                names.AddRange([
                    KcmVariables.GuacdHostname, KcmVariables.KcmLicense,
                    prefix + "_HOSTNAME", prefix + "_DATABASE", prefix + "_USERNAME", prefix + "_PASSWORD"]);
                break;
            case KcmDatabase database:
                names.AddRange([
                    KcmVariables.GuacamoleDatabase, KcmVariables.GuacamoleUsername, KcmVariables.GuacamolePassword,
                    KcmVariables.GuacamoleAdminPassword]);
                if (database.Kind == DatabaseKind.MySql)
                {
                    names.Add(KcmVariables.MySqlRootPassword);
                }
                else
                {
                    names.Add(KcmVariables.PostgresPassword);
                }

                break;
        }

        return [.. names];
    }

    /// <summary>A rule of the model broken: the catalog's <c>kcm-invalid</c> unless a contract code says more.</summary>
    internal static ComposeProblem Invalid(string message, string code = KcmProblemCodes.ModelInvalid) =>
        new(code, null, string.Empty, null, message, "Correct the value in the model (or the builder call) before writing the stack.");

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex VolumeName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^[A-Za-z0-9_]{1,63}$")]
    private static partial Regex DatabaseIdentifier();
}
