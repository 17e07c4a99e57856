namespace KcmCompose.Kcm;

/// <summary>
/// The codes of the problems the KCM layer finds (reader, model checks, service view). They are rows of the one
/// diagnostic catalog (<c>Validation/DiagnosticCatalog</c>), which gives each its severity and documentation; a
/// convention test keeps the two in step.
/// </summary>
internal static class KcmProblemCodes
{
    public const string EnvFileMissing = "env-file-missing";
    public const string EnvFileInvalid = "env-file-invalid";
    public const string EulaNotAccepted = "eula-not-accepted";
    public const string SslHostnameMissing = "ssl-hostname-missing";
    public const string GuacamoleHostnameMissing = "guacamole-hostname-missing";
    public const string VerifyClientInvalid = "verify-client-invalid";
    public const string VerifyDepthInvalid = "verify-depth-invalid";
    public const string VerifyWithoutCa = "verify-without-ca";
    public const string ContainerPathUnsafe = "container-path-unsafe";
    public const string ServiceMissing = "kcm-service-missing";
    public const string ServiceDuplicate = "kcm-service-duplicate";
    public const string NoServices = "kcm-no-services";
    public const string CertificateIncomplete = "kcm-certificate-incomplete";
    public const string TlsConflict = "tls-mode-conflict";
    public const string ClientCaNotMounted = "kcm-client-ca-not-mounted";
    public const string MountWritable = "kcm-mount-writable";
    public const string HostnameInvalid = "kcm-hostname-invalid";
    public const string ValueNotLiteral = "kcm-value-not-literal";
    public const string NginxConfigUnescapedDollar = "unescaped-dollar";
    public const string DatabaseSettingMissing = "kcm-database-setting-missing";
    public const string DatabaseSettingMismatch = "kcm-database-setting-mismatch";
    public const string DatabasePasswordMissing = "kcm-database-password-missing";
    public const string DatabaseHostnameMissing = "kcm-database-hostname-missing";
    public const string DatabaseKindMismatch = "kcm-database-kind-mismatch";
    public const string GuacdHostnameMissing = "kcm-guacd-hostname-missing";
    public const string EnvironmentDuplicate = "kcm-environment-duplicate";
    public const string EnvironmentInvalid = "kcm-environment-invalid";
    public const string RestartMissing = "kcm-restart-missing";
    public const string RestartInvalid = "kcm-restart-invalid";
    public const string VolumeUnsupported = "kcm-volume-unsupported";
    public const string PortUnsupported = "kcm-port-unsupported";
    public const string ModelInvalid = "kcm-invalid";
    public const string ContainerPathInvalid = "kcm-container-path-invalid";
    public const string ServersInvalid = "servers-invalid";
    public const string ServerSettingUnknown = "server-setting-unknown";
    public const string ServerHostnameDuplicate = "server-hostname-duplicate";
}
