using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// The settings of the KCM services and of their TLS proxy (<c>keeper/guacamole-ssl-nginx</c>): EULA, host names,
/// certificate source, client-certificate verification, and the nginx snippet in ADDITIONAL_NGINX_CONFIG.
/// </summary>
internal sealed class ProxyRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        KcmServiceView? firstProxy = null;
        foreach (var service in context.Services)
        {
            if (!KcmImages.IsKeeper(service.Image))
            {
                continue;
            }

            var environment = service.Environment;
            CheckEula(context, sink, service, environment);
            if (service.Role == KcmServiceRole.Proxy)
            {
                if (firstProxy is null)
                {
                    firstProxy = service;
                }
                else
                {
                    sink.Add(context.At(DiagnosticCatalog.ServiceDuplicate, service.Key, service.Path, service.Name, service.Name, firstProxy.Name, KcmImages.SslNginx));
                }

                CheckProxy(context, sink, service, environment);
                CheckServers(context, sink, service);
            }
        }
    }

    /// <summary>
    /// The <c>SERVERS</c> entries: the problems of the text, then the proxy checks on each entry's effective settings.
    /// Findings about inherited values repeat the top-level ones at the same place and merge with them as repeats.
    /// </summary>
    private static void CheckServers(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service)
    {
        var servers = context.ServersOf(service);
        var problems = new List<Diagnostic>();
        ComposeValidator.AddProblems(servers.Problems, context.File, problems);
        foreach (var problem in problems)
        {
            sink.Add(problem);
        }

        foreach (var server in servers.All.Where(s => s.Index is not null))
        {
            var environment = server.Environment;
            var found = new List<Diagnostic>();
            var name = $"{service.Name} {server.Describe}";
            CheckContainerPaths(context, found, environment);
            CheckGuacamoleHost(context, found, service, environment);
            CheckTlsMode(context, found, server.Anchor, name, environment, server.Path);
            CheckVerification(context, found, environment);
            if (server.SetsOwn(KcmVariables.AdditionalNginxConfig))
            {
                CheckNginxSyntax(context, found, environment[KcmVariables.AdditionalNginxConfig]);
            }

            // An entry that switches client certificates off keeps inheriting SSL_VERIFY_CLIENT/DEPTH: they do nothing there.
            foreach (var diagnostic in found.Where(d => d.Code != DiagnosticCatalog.VerifyWithoutCa.Code || d.Path.StartsWith(server.Path + ".", StringComparison.Ordinal)))
            {
                sink.Add(diagnostic);
            }
        }
    }

    private static void CheckEula(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        if (!environment.TryGetValue(KcmVariables.AcceptEula, out var eula))
        {
            sink.Add(context.At(DiagnosticCatalog.EulaNotAccepted, service.Key, service.Path + ".environment", null, service.Name, "does not set ACCEPT_EULA"));
        }
        else if (!KcmSettings.IsYes(eula.Value))
        {
            var what = eula.Value is null ? "passes ACCEPT_EULA through from the shell" : $"sets ACCEPT_EULA to '{eula.Value}' instead of 'Y'";
            sink.Add(context.At(DiagnosticCatalog.EulaNotAccepted, context.ValueLocation(eula), eula.Path, eula.Value, service.Name, what));
        }
    }

    private static void CheckProxy(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        var envPath = service.Path + ".environment";
        if (!environment.TryGetValue(KcmVariables.SslHostname, out var hostname) || string.IsNullOrWhiteSpace(hostname.Value))
        {
            sink.Add(context.At(DiagnosticCatalog.SslHostnameMissing, hostname?.Key ?? service.Key, hostname?.Path ?? envPath, hostname?.Value, service.Name));
        }

        if (!environment.TryGetValue(KcmVariables.GuacamoleHostname, out var guacamole) || string.IsNullOrWhiteSpace(guacamole.Value))
        {
            var name = context.Kcm.First(KcmServiceRole.Guacamole)?.Name ?? "guacamole";
            sink.Add(context.At(DiagnosticCatalog.GuacamoleHostnameMissing, guacamole?.Key ?? service.Key, guacamole?.Path ?? envPath, guacamole?.Value, service.Name, name));
        }

        CheckContainerPaths(context, sink, environment);

        CheckSpelling(context, sink, environment);
        CheckGuacamoleHost(context, sink, service, environment);
        CheckTlsMode(context, sink, service.Key, service.Name, environment, envPath);
        CheckVerification(context, sink, environment);
        foreach (var variable in environment.Values)
        {
            CheckDollars(context, sink, variable);
        }

        if (environment.TryGetValue(KcmVariables.AdditionalNginxConfig, out var nginx))
        {
            CheckNginxSyntax(context, sink, nginx);
        }
    }

    private static void CheckSpelling(ValidationContext context, ICollection<Diagnostic> sink, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        foreach (var variable in environment.Values)
        {
            if (KcmSettings.FindProxySetting(variable.Name) is not null)
            {
                continue;
            }

            // A name more than 2 longer or shorter is more than 2 edits away: skipped before the alignment.
            var upper = variable.Name.ToUpperInvariant();
            var close = KcmSettings.Proxy.Select(s => s.Name).FirstOrDefault(known =>
                Math.Abs(known.Length - upper.Length) <= 2 && !environment.ContainsKey(known) && EditDistance.Between(upper, known) <= 2);
            if (close is not null)
            {
                sink.Add(context.At(DiagnosticCatalog.ProxySettingMisspelled, variable.Key, variable.Path, variable.Name, variable.Name, close));
            }
        }
    }

    private static void CheckGuacamoleHost(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView proxy, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        if (!environment.TryGetValue(KcmVariables.GuacamoleHostname, out var host) || string.IsNullOrEmpty(host.Value))
        {
            return;
        }

        // An address, localhost, or a proxy on the host's network reaches beyond the services of this file.
        if (System.Net.IPAddress.TryParse(host.Value, out _) || host.Value == "localhost"
            || proxy.Text("network_mode") == "host")
        {
            return;
        }

        if (!context.ServiceHostNames.Contains(host.Value))
        {
            var guacamole = context.Kcm.First(KcmServiceRole.Guacamole);
            var hint = guacamole is null ? string.Empty : $" (here '{guacamole.Name}')";
            sink.Add(context.At(DiagnosticCatalog.GuacamoleHostUnknown, context.ValueLocation(host), host.Path, host.Value, host.Value, hint));
        }
    }

    private static void CheckTlsMode(ValidationContext context, ICollection<Diagnostic> sink, ComposeScalar anchor, string name, IReadOnlyDictionary<string, KcmVariable> environment, string envPath)
    {
        var modes = new List<(string Description, KcmVariable Variable)>();
        if (environment.TryGetValue(KcmVariables.LetsEncryptAcceptTos, out var letsEncrypt) && KcmSettings.IsYes(letsEncrypt.Value))
        {
            modes.Add(("Let's Encrypt (LETSENCRYPT_ACCEPT_TOS)", letsEncrypt));
        }

        if (environment.TryGetValue(KcmVariables.SelfSigned, out var selfSigned) && KcmSettings.IsYes(selfSigned.Value))
        {
            modes.Add(("a self-signed certificate (SELF_SIGNED)", selfSigned));
        }

        if (environment.TryGetValue(KcmVariables.CertificateFile, out var certificate) && !string.IsNullOrEmpty(certificate.Value))
        {
            modes.Add(("an existing certificate (CERTIFICATE_FILE)", certificate));
        }

        if (modes.Count == 0)
        {
            sink.Add(context.At(DiagnosticCatalog.TlsModeMissing, anchor, envPath, null, name));
        }
        else if (modes.Count > 1)
        {
            var second = modes.Select(m => m.Variable).MaxBy(v => (v.Key.Location?.Line ?? 0, v.Key.Location?.Column ?? 0))!;
            var described = string.Join(" and ", modes.Select(m => m.Description));
            sink.Add(context.At(DiagnosticCatalog.TlsModeConflict, second.Key, second.Path, second.Value, name, described));
        }
    }

    private static void CheckVerification(ValidationContext context, ICollection<Diagnostic> sink, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        var hasCa = environment.TryGetValue(KcmVariables.ClientCertificateFile, out var ca) && !string.IsNullOrEmpty(ca!.Value);
        environment.TryGetValue(KcmVariables.SslVerifyClient, out var verify);
        VerifyClientMode? mode = null;
        if (verify?.Value is { } verifyText)
        {
            if (KcmSettings.TryParseVerifyClient(verifyText, out var parsed))
            {
                mode = parsed;
            }
            else
            {
                sink.Add(context.At(DiagnosticCatalog.VerifyClientInvalid, context.ValueLocation(verify), verify.Path, verify.Value, verify.Value));
            }
        }

        if (environment.TryGetValue(KcmVariables.SslVerifyDepth, out var depth) && depth.Value is not null
            && !KcmSettings.TryParseVerifyDepth(depth.Value, out _))
        {
            sink.Add(context.At(DiagnosticCatalog.VerifyDepthInvalid, context.ValueLocation(depth), depth.Path, depth.Value, depth.Value));
        }

        if (!hasCa)
        {
            if (verify is not null && mode != VerifyClientMode.Off)
            {
                sink.Add(context.At(DiagnosticCatalog.VerifyWithoutCa, verify.Key, verify.Path, verify.Value, KcmVariables.SslVerifyClient));
            }

            if (depth is not null)
            {
                sink.Add(context.At(DiagnosticCatalog.VerifyWithoutCa, depth.Key, depth.Path, depth.Value, KcmVariables.SslVerifyDepth));
            }

            return;
        }

        if (verify is null || mode is null or VerifyClientMode.On)
        {
            return;
        }

        var checksVerify = environment.TryGetValue(KcmVariables.AdditionalNginxConfig, out var nginx)
            && nginx.Value is { } config
            && NginxSyntax.EnforcesClientVerify(config);
        if (mode == VerifyClientMode.Off || !checksVerify)
        {
            var detail = mode == VerifyClientMode.Off ? string.Empty : " and ADDITIONAL_NGINX_CONFIG does not check $ssl_client_verify";
            sink.Add(context.At(DiagnosticCatalog.VerifyNotEnforced, context.ValueLocation(verify), verify.Path, verify.Value, verify.Value, detail));
        }
    }

    private static void CheckDollars(ValidationContext context, ICollection<Diagnostic> sink, KcmVariable variable)
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

    private static void CheckNginxSyntax(ValidationContext context, ICollection<Diagnostic> sink, KcmVariable variable) =>
        NginxConfigCheck.Check(context, sink, variable);

    /// <summary>The container paths the image writes into nginx directives must not carry nginx syntax.</summary>
    private static void CheckContainerPaths(ValidationContext context, ICollection<Diagnostic> sink, IReadOnlyDictionary<string, KcmVariable> environment)
    {
        foreach (var setting in KcmSettings.Proxy)
        {
            if (setting.Rule == KcmValueRule.ContainerPath
                && environment.TryGetValue(setting.Name, out var variable)
                && variable.Value is { Length: > 0 } path
                && ContainerPath.FirstUnsafe(path) is not null)
            {
                sink.Add(context.At(DiagnosticCatalog.ContainerPathUnsafe, context.ValueLocation(variable), variable.Path, path, setting.Name, ContainerPath.Check(path)));
            }
        }
    }
}
