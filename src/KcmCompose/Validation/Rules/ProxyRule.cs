using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// The settings of the KCM services and of their TLS proxy (<c>keeper/guacamole-ssl-nginx</c>): EULA, host names,
/// certificate source, client-certificate verification, and the nginx snippet in ADDITIONAL_NGINX_CONFIG.
/// </summary>
internal sealed class ProxyRule : IValidationRule
{
    private const string _clientCa = "CLIENT_CERTIFICATE_FILE";
    private const string _verifyClient = "SSL_VERIFY_CLIENT";
    private const string _verifyDepth = "SSL_VERIFY_DEPTH";
    private const string _nginxConfig = "ADDITIONAL_NGINX_CONFIG";

    /// <summary>The variables keeper/guacamole-ssl-nginx reads (KCM documentation).</summary>
    private static readonly string[] _proxySettings =
    [
        "ACCEPT_EULA", "GUACAMOLE_HOSTNAME", "SSL_HOSTNAME", "SELF_SIGNED", "LETSENCRYPT_ACCEPT_TOS", "LETSENCRYPT_EMAIL",
        "CERTIFICATE_FILE", "PRIVATE_KEY_FILE", _clientCa, _verifyClient, _verifyDepth, _nginxConfig,
    ];

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        foreach (var service in context.Services)
        {
            var image = service.Text("image");
            if (!KeeperImage.IsKeeper(image))
            {
                continue;
            }

            var environment = ServiceEnvironment.Read(context, service);
            CheckEula(context, sink, service, environment);
            if (KeeperImage.Is(image, KeeperImage.Proxy))
            {
                CheckProxy(context, sink, service, environment);
            }
        }
    }

    private static void CheckEula(ValidationContext context, ICollection<Diagnostic> sink, ServiceNode service, Dictionary<string, EnvVar> environment)
    {
        if (!environment.TryGetValue("ACCEPT_EULA", out var eula))
        {
            sink.Add(context.At(DiagnosticCatalog.EulaNotAccepted, service.Key, service.Path + ".environment", null, service.Name, "does not set ACCEPT_EULA"));
        }
        else if (!string.Equals(eula.Value, "Y", StringComparison.Ordinal))
        {
            var what = eula.Value is null ? "passes ACCEPT_EULA through from the shell" : $"sets ACCEPT_EULA to '{eula.Value}' instead of 'Y'";
            sink.Add(context.At(DiagnosticCatalog.EulaNotAccepted, eula.ValueLocation(context), eula.Path, eula.Value, service.Name, what));
        }
    }

    private static void CheckProxy(ValidationContext context, ICollection<Diagnostic> sink, ServiceNode service, Dictionary<string, EnvVar> environment)
    {
        var envPath = service.Path + ".environment";
        if (!environment.TryGetValue("SSL_HOSTNAME", out var hostname) || string.IsNullOrWhiteSpace(hostname.Value))
        {
            sink.Add(context.At(DiagnosticCatalog.SslHostnameMissing, hostname?.Key ?? service.Key, hostname?.Path ?? envPath, hostname?.Value, service.Name));
        }

        CheckSpelling(context, sink, environment);
        CheckGuacamoleHost(context, sink, environment);
        CheckTlsMode(context, sink, service, environment, envPath);
        CheckVerification(context, sink, environment);
        foreach (var variable in environment.Values)
        {
            CheckDollars(context, sink, variable);
        }

        if (environment.TryGetValue(_nginxConfig, out var nginx))
        {
            CheckNginxSyntax(context, sink, nginx);
        }
    }

    private static void CheckSpelling(ValidationContext context, ICollection<Diagnostic> sink, Dictionary<string, EnvVar> environment)
    {
        foreach (var variable in environment.Values)
        {
            if (Array.IndexOf(_proxySettings, variable.Name) >= 0)
            {
                continue;
            }

            var close = _proxySettings.FirstOrDefault(known =>
                !environment.ContainsKey(known) && EditDistance.Between(variable.Name.ToUpperInvariant(), known) <= 2);
            if (close is not null)
            {
                sink.Add(context.At(DiagnosticCatalog.ProxySettingMisspelled, variable.Key, variable.Path, variable.Name, variable.Name, close));
            }
        }
    }

    private static void CheckGuacamoleHost(ValidationContext context, ICollection<Diagnostic> sink, Dictionary<string, EnvVar> environment)
    {
        if (!environment.TryGetValue("GUACAMOLE_HOSTNAME", out var host) || string.IsNullOrEmpty(host.Value))
        {
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in context.Services)
        {
            names.Add(service.Name);
            if (service.Text("container_name") is { } containerName)
            {
                names.Add(containerName);
            }

            if (service.Text("hostname") is { } hostName)
            {
                names.Add(hostName);
            }

            if (service.Resolved["networks"] is ComposeMapping networks)
            {
                foreach (var network in networks.Entries)
                {
                    if (network.Value is ComposeMapping { } settings && settings["aliases"] is ComposeSequence aliases)
                    {
                        names.UnionWith(aliases.Items.OfType<ComposeScalar>().Select(a => a.Value));
                    }
                }
            }
        }

        if (!names.Contains(host.Value))
        {
            var guacamole = context.Services.FirstOrDefault(s => KeeperImage.Is(s.Text("image"), KeeperImage.Guacamole));
            var hint = guacamole is null ? string.Empty : $" (here '{guacamole.Name}')";
            sink.Add(context.At(DiagnosticCatalog.GuacamoleHostUnknown, host.ValueLocation(context), host.Path, host.Value, host.Value, hint));
        }
    }

    private static void CheckTlsMode(ValidationContext context, ICollection<Diagnostic> sink, ServiceNode service, Dictionary<string, EnvVar> environment, string envPath)
    {
        var modes = new List<(string Description, EnvVar Variable)>();
        if (environment.TryGetValue("LETSENCRYPT_ACCEPT_TOS", out var letsEncrypt) && IsYes(letsEncrypt.Value))
        {
            modes.Add(("Let's Encrypt (LETSENCRYPT_ACCEPT_TOS)", letsEncrypt));
        }

        if (environment.TryGetValue("SELF_SIGNED", out var selfSigned) && IsYes(selfSigned.Value))
        {
            modes.Add(("a self-signed certificate (SELF_SIGNED)", selfSigned));
        }

        if (environment.TryGetValue("CERTIFICATE_FILE", out var certificate) && !string.IsNullOrEmpty(certificate.Value))
        {
            modes.Add(("an existing certificate (CERTIFICATE_FILE)", certificate));
        }

        if (modes.Count == 0)
        {
            sink.Add(context.At(DiagnosticCatalog.TlsModeMissing, service.Key, envPath, null, service.Name));
        }
        else if (modes.Count > 1)
        {
            var second = modes.Select(m => m.Variable).MaxBy(v => (v.Key.Location?.Line ?? 0, v.Key.Location?.Column ?? 0))!;
            var described = string.Join(" and ", modes.Select(m => m.Description));
            sink.Add(context.At(DiagnosticCatalog.TlsModeConflict, second.Key, second.Path, second.Value, service.Name, described));
        }
    }

    private static void CheckVerification(ValidationContext context, ICollection<Diagnostic> sink, Dictionary<string, EnvVar> environment)
    {
        var hasCa = environment.TryGetValue(_clientCa, out var ca) && !string.IsNullOrEmpty(ca!.Value);
        environment.TryGetValue(_verifyClient, out var verify);
        var mode = verify?.Value?.Trim().ToLowerInvariant();
        if (verify is not null && mode is not null && mode is not ("on" or "off" or "optional" or "optional_no_ca"))
        {
            sink.Add(context.At(DiagnosticCatalog.VerifyClientInvalid, verify.ValueLocation(context), verify.Path, verify.Value, verify.Value));
            mode = null;
        }

        if (environment.TryGetValue(_verifyDepth, out var depth) && depth.Value is not null
            && !(int.TryParse(depth.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100))
        {
            sink.Add(context.At(DiagnosticCatalog.VerifyDepthInvalid, depth.ValueLocation(context), depth.Path, depth.Value, depth.Value));
        }

        if (!hasCa)
        {
            if (verify is not null && mode != "off")
            {
                sink.Add(context.At(DiagnosticCatalog.VerifyWithoutCa, verify.Key, verify.Path, verify.Value, _verifyClient));
            }

            if (depth is not null)
            {
                sink.Add(context.At(DiagnosticCatalog.VerifyWithoutCa, depth.Key, depth.Path, depth.Value, _verifyDepth));
            }

            return;
        }

        if (verify is null || mode is null or "on")
        {
            return;
        }

        var checksVerify = environment.TryGetValue(_nginxConfig, out var nginx)
            && nginx.Value is { } config
            && NginxSyntax.EnforcesClientVerify(config);
        if (mode == "off" || !checksVerify)
        {
            var detail = mode == "off" ? string.Empty : " and ADDITIONAL_NGINX_CONFIG does not check $ssl_client_verify";
            sink.Add(context.At(DiagnosticCatalog.VerifyNotEnforced, verify.ValueLocation(context), verify.Path, verify.Value, verify.Value, detail));
        }
    }

    private static void CheckDollars(ValidationContext context, ICollection<Diagnostic> sink, EnvVar variable)
    {
        if (variable.Raw is not { } raw || variable.RawValue is not { } text || !text.Contains('$', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var placeholder in Placeholder.Scan(text))
        {
            var lowercase = placeholder.Name.Length > 0 && char.IsAsciiLetterLower(placeholder.Name[0]);
            var unset = !context.Variables.ContainsKey(placeholder.Name) && !placeholder.HasModifier;
            if (!lowercase && !unset)
            {
                continue;
            }

            var written = text.Substring(placeholder.Offset, placeholder.Length);
            var why = lowercase ? " (nginx variables are lower-case)" : " and the variable is not set";
            sink.Add(context.At(
                DiagnosticCatalog.UnescapedDollar,
                context.Locate(raw, variable.RawOffset + placeholder.Offset, placeholder.Length),
                variable.Path,
                written,
                written,
                variable.Name,
                why,
                "$" + written,
                written));
        }
    }

    private static void CheckNginxSyntax(ValidationContext context, ICollection<Diagnostic> sink, EnvVar variable) =>
        NginxConfigCheck.Check(context, sink, variable);

    private static bool IsYes(string? value) =>
        value is not null && (value.Equals("y", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
            || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
