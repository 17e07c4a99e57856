using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// Host files a service needs before it starts: bind-mount sources (Docker creates a missing one as an empty
/// root-owned directory) and seccomp profile files (a missing one stops the container). Only for files on disk,
/// where relative paths have a folder to resolve against.
/// </summary>
internal sealed class HostPathRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        if (context.File == ComposeDocument.StringLabel)
        {
            return;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        foreach (var service in context.TypedServices)
        {
            var checkedElsewhere = CertificateTargets(context, context.Kcm.Find(service.Name));
            foreach (var volume in service.Volumes)
            {
                if (volume.Type == VolumeMountType.Bind && !string.IsNullOrEmpty(volume.Source) && !volume.Source.Contains('$', StringComparison.Ordinal)
                    && volume.BindCreateHostPath != true && !checkedElsewhere.Contains(volume.Target))
                {
                    var host = MountResolver.HostSource(volume.Source, context.Folder, home);
                    if (!File.Exists(host) && !Directory.Exists(host))
                    {
                        sink.Add(context.At(DiagnosticCatalog.BindSourceMissing, volume.Location, volume.Path, volume.Source, volume.Source, host));
                    }
                }
            }
        }

        foreach (var service in context.Services)
        {
            if (service.Resolved["security_opt"] is not ComposeSequence options)
            {
                continue;
            }

            for (var i = 0; i < options.Items.Length; i++)
            {
                if (options.Items[i] is ComposeScalar option && SeccompProfile(option.Value) is { } profile)
                {
                    var host = MountResolver.HostSource(profile, context.Folder, home);
                    if (!File.Exists(host))
                    {
                        sink.Add(context.At(DiagnosticCatalog.SeccompProfileMissing, option, $"{service.Path}.security_opt[{i}]", option.Value, profile, host));
                    }
                }
            }
        }
    }

    /// <summary>The proxy's certificate files, of every server: the certificate rules report them missing (ca-file-missing, server-file-missing).</summary>
    private static HashSet<string> CertificateTargets(ValidationContext context, KcmServiceView? service)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        if (service?.Role == KcmServiceRole.Proxy)
        {
            foreach (var server in context.ServersOf(service).All)
            {
                foreach (var setting in KcmSettings.Proxy.Where(s => s.Rule == KcmValueRule.ContainerPath))
                {
                    if (server.Setting(setting.Name)?.Value is { } target)
                    {
                        targets.Add(target);
                    }
                }
            }
        }

        return targets;
    }

    /// <summary>The profile file of <c>seccomp:FILE</c> or <c>seccomp=FILE</c>; <see langword="null"/> for other options and the built-in names.</summary>
    private static string? SeccompProfile(string option)
    {
        if (!option.StartsWith("seccomp", StringComparison.Ordinal) || option.Length < 9 || option[7] is not (':' or '='))
        {
            return null;
        }

        var value = option[8..];
        return value is "unconfined" or "builtin" or "default" or "" ? null : value;
    }
}
