using System.Globalization;
using KcmCompose.Certificates;

using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// The client CA file (<c>CLIENT_CERTIFICATE_FILE</c>): resolved through the proxy's mounts to the host,
/// read the way nginx reads it, and checked for what makes nginx refuse to start or reject every client.
/// </summary>
internal sealed class CaFileRule : IValidationRule
{
    private const string ClientCa = KcmVariables.ClientCertificateFile;

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        foreach (var proxy in ProxyFiles.FindServers(context))
        {
            if (proxy.Setting(ClientCa) is { } variable)
            {
                CheckCaFile(context, sink, proxy, variable);
            }
        }
    }

    private static void CheckCaFile(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, KcmVariable variable)
    {
        var containerPath = variable.Value!;
        var location = context.ValueLocation(variable);
        var resolution = proxy.Resolve(context, containerPath);
        switch (resolution.Kind)
        {
            case MountResolutionKind.NotMounted or MountResolutionKind.EmptyVolume:
                sink.Add(context.At(DiagnosticCatalog.CaFileNotMounted, location, variable.Path, containerPath, containerPath, ProxyFiles.DescribeUnmounted(resolution), proxy.Service.Name));
                return;
            case MountResolutionKind.NamedVolume:
                sink.Add(context.At(DiagnosticCatalog.CaFileNotCheckable, location, variable.Path, containerPath, containerPath, resolution.Mount!.Source));
                return;
        }

        var mount = resolution.Mount!;
        if (!mount.ReadOnly)
        {
            sink.Add(context.At(DiagnosticCatalog.MountNotReadOnly, mount.Location, mount.Path, ProxyFiles.Describe(mount), ProxyFiles.Describe(mount), $"the CA file {containerPath}"));
        }

        var hostPath = resolution.HostPath!;
        var analysis = CaFile.AnalyzeFile(hostPath);
        switch (analysis.Status)
        {
            case CaFileStatus.Missing:
                sink.Add(context.At(DiagnosticCatalog.CaFileMissing, location, variable.Path, containerPath, containerPath, hostPath));
                return;
            case CaFileStatus.Unreadable:
                sink.Add(context.At(DiagnosticCatalog.FileUnreadable, location, variable.Path, containerPath, ClientCa, containerPath, analysis.Problem?.TrimEnd('.')));
                return;
            case CaFileStatus.NotPem:
                sink.Add(context.At(DiagnosticCatalog.CaFileNotPem, location, variable.Path, containerPath, hostPath, analysis.Problem));
                return;
        }

        CheckCertificates(context, sink, variable, hostPath, analysis);
        CheckDepth(context, sink, proxy, variable, analysis);
    }

    private static void CheckCertificates(ValidationContext context, ICollection<Diagnostic> sink, KcmVariable variable, string hostPath, CaFileAnalysis analysis)
    {
        var location = context.ValueLocation(variable);
        var now = context.TimeProvider.GetUtcNow();
        var window = context.Options.ExpiryWarningWindow;
        var value = variable.Value;
        foreach (var certificate in analysis.Certificates)
        {
            var subject = certificate.Subject;
            var line = certificate.Line;
            if (certificate.OpenSslCaKind == 0)
            {
                sink.Add(context.At(DiagnosticCatalog.CaNotCa, location, variable.Path, value, hostPath, subject, line));
            }

            if (now > certificate.NotAfter)
            {
                sink.Add(context.At(DiagnosticCatalog.CaExpired, location, variable.Path, value, hostPath, subject, line, certificate.NotAfter));
            }
            else if (now < certificate.NotBefore)
            {
                sink.Add(context.At(DiagnosticCatalog.CaNotYetValid, location, variable.Path, value, hostPath, subject, line, certificate.NotBefore));
            }
            else if (certificate.NotAfter - now <= window)
            {
                var days = (int)Math.Floor((certificate.NotAfter - now).TotalDays);
                sink.Add(context.At(DiagnosticCatalog.CaExpiringSoon, location, variable.Path, value, hostPath, subject, line, certificate.NotAfter, days));
            }

            if (certificate.HasWeakKey)
            {
                sink.Add(context.At(DiagnosticCatalog.CaWeakKey, location, variable.Path, value, hostPath, subject, line, certificate.KeySize, certificate.KeyAlgorithm));
            }

            if (certificate.HasWeakSignature)
            {
                sink.Add(context.At(DiagnosticCatalog.CaWeakSignature, location, variable.Path, value, hostPath, subject, line, certificate.SignatureAlgorithm));
            }
        }

        foreach (var incomplete in analysis.IncompleteChains)
        {
            sink.Add(context.At(DiagnosticCatalog.CaChainIncomplete, location, variable.Path, value, hostPath, incomplete.Subject, incomplete.Line, incomplete.Issuer));
        }
    }

    private static void CheckDepth(ValidationContext context, ICollection<Diagnostic> sink, ProxyFiles proxy, KcmVariable variable, CaFileAnalysis analysis)
    {
        var required = analysis.RequiredVerifyDepth;
        var depthVariable = proxy.Setting(KcmVariables.SslVerifyDepth);
        var depth = KcmSettings.DefaultVerifyDepth;
        if (depthVariable is not null && !KcmSettings.TryParseVerifyDepth(depthVariable.Value, out depth))
        {
            return; // verify-depth-invalid (proxy rule) already reports it.
        }

        if (required <= depth)
        {
            return;
        }

        var deepest = analysis.DeepestCa!.Subject;
        var at = (depthVariable is null ? null : context.ValueLocation(depthVariable)) ?? context.ValueLocation(variable);
        var path = depthVariable?.Path ?? variable.Path;
        sink.Add(context.At(DiagnosticCatalog.VerifyDepthTooSmall, at, path, depthVariable?.Value, depth, depthVariable is null ? " (nginx's default)" : string.Empty, deepest, required));
    }
}
