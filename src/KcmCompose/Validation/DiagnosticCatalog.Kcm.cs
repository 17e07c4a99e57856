using KcmCompose.Kcm;

namespace KcmCompose.Validation;

/// <summary>
/// Rows for what the KCM reader and the model's checks report when a file or a stack cannot be mapped onto the typed
/// model (<c>KcmStackReader</c>, <c>KcmStack.Validate</c>); they carry their own message and fix.
/// </summary>
internal static partial class DiagnosticCatalog
{
    private static readonly DiagnosticDescriptor[] _kcm =
    [
        Mapped(KcmProblemCodes.NoServices, DiagnosticSeverity.Error, "The file has no services mapping."),
        Mapped(KcmProblemCodes.ServiceMissing, DiagnosticSeverity.Error, "A KCM service (proxy, guacd, Guacamole or database) is missing."),
        Mapped(KcmProblemCodes.CertificateIncomplete, DiagnosticSeverity.Error, "CERTIFICATE_FILE and PRIVATE_KEY_FILE are not both set."),
        Mapped(KcmProblemCodes.ClientCaNotMounted, DiagnosticSeverity.Error, "CLIENT_CERTIFICATE_FILE names a path no volume mounts."),
        Mapped(KcmProblemCodes.MountWritable, DiagnosticSeverity.Warning, "A certificate file is mounted writable into the proxy."),
        Mapped(KcmProblemCodes.HostnameInvalid, DiagnosticSeverity.Error, "A host name variable does not hold a host name."),
        Mapped(KcmProblemCodes.ValueNotLiteral, DiagnosticSeverity.Warning, "A modelled setting is interpolated or passed through, so its value is unknown."),
        Mapped(KcmProblemCodes.DatabaseSettingMissing, DiagnosticSeverity.Warning, "A database setting is missing; a default is assumed."),
        Mapped(KcmProblemCodes.DatabaseSettingMismatch, DiagnosticSeverity.Error, "Guacamole and the database disagree on a database setting."),
        Mapped(KcmProblemCodes.DatabasePasswordMissing, DiagnosticSeverity.Error, "The database service sets no GUACAMOLE_PASSWORD."),
        Mapped(KcmProblemCodes.DatabaseHostnameMissing, DiagnosticSeverity.Warning, "Guacamole names no database host; the database service is assumed."),
        Mapped(KcmProblemCodes.DatabaseKindMismatch, DiagnosticSeverity.Warning, "Guacamole sets the other database kind's variables."),
        Mapped(KcmProblemCodes.GuacdHostnameMissing, DiagnosticSeverity.Warning, "Guacamole has no GUACD_HOSTNAME; the guacd service is assumed."),
        Mapped(KcmProblemCodes.EnvironmentDuplicate, DiagnosticSeverity.Warning, "A variable is set twice in one environment list."),
        Mapped(KcmProblemCodes.EnvironmentInvalid, DiagnosticSeverity.Error, "An environment entry is not NAME: value or NAME=value."),
        Mapped(KcmProblemCodes.RestartMissing, DiagnosticSeverity.Warning, "A KCM service has no restart policy."),
        Mapped(KcmProblemCodes.RestartInvalid, DiagnosticSeverity.Warning, "A KCM service's restart policy is not one the model knows."),
        Mapped(KcmProblemCodes.VolumeUnsupported, DiagnosticSeverity.Warning, "A proxy volume is not a plain SOURCE:TARGET[:ro] mount."),
        Mapped(KcmProblemCodes.PortUnsupported, DiagnosticSeverity.Warning, "A proxy port is not a single TCP port mapping."),
        Mapped(KcmProblemCodes.ModelInvalid, DiagnosticSeverity.Error, "The typed KCM stack breaks one of its own rules."),
        Mapped(KcmProblemCodes.ContainerPathInvalid, DiagnosticSeverity.Error, "A container path variable does not hold an absolute container path."),
        Mapped(KcmProblemCodes.ServersInvalid, DiagnosticSeverity.Error, "SERVERS is not a YAML or JSON list of mappings of single values, or an entry cannot be used."),
        Mapped(KcmProblemCodes.ServerSettingUnknown, DiagnosticSeverity.Error, "A SERVERS entry sets a variable a server cannot set."),
        Mapped(KcmProblemCodes.ServerHostnameDuplicate, DiagnosticSeverity.Error, "Two servers of the proxy answer for the same SSL_HOSTNAME."),
    ];

    public static readonly DiagnosticDescriptor DatabaseVolumeMissing = new(
        "database-volume-missing", DiagnosticSeverity.Warning, "The KCM database keeps its data directory inside the container.",
        "Service '{0}' mounts no volume at {1}; every connection, user and history entry is lost when the container is removed.",
        "Mount a named volume there (for example '- kcm-db-data:{1}', with 'kcm-db-data:' under the top-level 'volumes:') or a host folder.");

    private static DiagnosticDescriptor Mapped(string code, DiagnosticSeverity severity, string title) => new(code, severity, title, "{0}", "{1}");

    static partial void AddKcmDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        foreach (var d in _kcm)
        {
            descriptors.Add(d);
        }

        descriptors.Add(DatabaseVolumeMissing);
    }
}
