using KcmCompose.Certificates;
using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// With <see cref="ComposeValidatorOptions.Revocations"/>: every revoked certificate of the CA the proxy trusts must be in
/// the deny list of <c>ADDITIONAL_NGINX_CONFIG</c> (<see cref="RevocationDenyList"/>), and, when the CA's inventory is
/// known, every listed serial must be one the CA issued. A CA file that resolves and holds a different CA is not checked.
/// </summary>
internal sealed class RevocationRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        if (context.Options.Revocations is not { } revocations)
        {
            return;
        }

        foreach (var proxy in ProxyFiles.FindServers(context))
        {
            if (proxy.Setting(KcmVariables.ClientCertificateFile) is not { } caFile || !TrustsIssuer(context, proxy, caFile.Value!, revocations))
            {
                continue;
            }

            var config = proxy.Environment.GetValueOrDefault(KcmVariables.AdditionalNginxConfig);
            var listed = RevocationDenyList.Read(config?.Value ?? config?.RawValue);
            var missing = revocations.Revoked.Where(r => !listed.Contains(r.SerialNumber)).ToList();
            var location = config is null ? proxy.Service.Key.Location : context.ValueLocation(config);
            var path = config?.Path ?? proxy.Service.Path + ".environment." + KcmVariables.AdditionalNginxConfig;
            if (missing.Count > 0)
            {
                var named = string.Join(", ", missing.Select(r => r.Name is null ? r.SerialNumber : $"{r.Name} ({r.SerialNumber})"));
                sink.Add(context.At(DiagnosticCatalog.RevocationNotEnforced, location, path, string.Join(",", missing.Select(r => r.SerialNumber)),
                    missing.Count, named, revocations.Source, proxy.Service.Name));
            }

            if (revocations.Issued is { } issued)
            {
                var stale = listed.Where(s => !issued.Contains(s)).ToList();
                if (stale.Count > 0)
                {
                    sink.Add(context.At(DiagnosticCatalog.DenyListStale, location, path, string.Join(",", stale),
                        proxy.Service.Name, string.Join(", ", stale), revocations.Source));
                }
            }
        }
    }

    /// <summary>False only when the CA file resolves on this host and none of its certificates is the list's issuer.</summary>
    private static bool TrustsIssuer(ValidationContext context, ProxyFiles proxy, string containerPath, RevocationList revocations)
    {
        var resolution = proxy.Resolve(context, containerPath);
        if (resolution.HostPath is not { } hostPath)
        {
            return true;
        }

        var analysis = CaFile.AnalyzeFile(hostPath);
        return analysis.Certificates.IsEmpty || analysis.Certificates.Any(c => revocations.IsIssuer(c.Native.SubjectDN));
    }
}
