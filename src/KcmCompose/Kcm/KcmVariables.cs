namespace KcmCompose.Kcm;

/// <summary>The environment variable names the KCM images read and the model interprets.</summary>
public static class KcmVariables
{
#pragma warning disable CS1591 // The names are their own documentation; see docs/kcm.md for what each does.
    public const string AcceptEula = "ACCEPT_EULA";
    public const string GuacamoleHostname = "GUACAMOLE_HOSTNAME";
    public const string SslHostname = "SSL_HOSTNAME";
    public const string LetsEncryptAcceptTos = "LETSENCRYPT_ACCEPT_TOS";
    public const string LetsEncryptEmail = "LETSENCRYPT_EMAIL";
    public const string LetsEncryptStaging = "LETSENCRYPT_STAGING";
    public const string SelfSigned = "SELF_SIGNED";
    public const string CertificateFile = "CERTIFICATE_FILE";
    public const string PrivateKeyFile = "PRIVATE_KEY_FILE";
    public const string ClientCertificateFile = "CLIENT_CERTIFICATE_FILE";
    public const string SslVerifyClient = "SSL_VERIFY_CLIENT";
    public const string SslVerifyDepth = "SSL_VERIFY_DEPTH";
    public const string AdditionalNginxConfig = "ADDITIONAL_NGINX_CONFIG";
    public const string ContentTypeOptions = "CONTENT_TYPE_OPTIONS";
    public const string ContentSecurityPolicy = "CONTENT_SECURITY_POLICY";
    public const string Servers = "SERVERS";
    public const string GuacdHostname = "GUACD_HOSTNAME";
    public const string KcmLicense = "KCM_LICENSE";
    public const string GuacamoleDatabase = "GUACAMOLE_DATABASE";
    public const string GuacamoleUsername = "GUACAMOLE_USERNAME";
    public const string GuacamolePassword = "GUACAMOLE_PASSWORD";
    public const string GuacamoleAdminPassword = "GUACAMOLE_ADMIN_PASSWORD";
    public const string MySqlRootPassword = "MYSQL_ROOT_PASSWORD";

    /// <summary>The PostgreSQL superuser password the postgres image needs to initialise.</summary>
    public const string PostgresPassword = "POSTGRES_PASSWORD";
#pragma warning restore CS1591

    /// <summary>The YAML-safe spelling of "yes" the images expect (<c>Y</c>), always written quoted.</summary>
    public const string Yes = "Y";

    /// <summary>The prefix of Guacamole's database variables: <c>MYSQL</c> or <c>POSTGRES</c>.</summary>
    public static string DatabasePrefix(DatabaseKind kind) => kind == DatabaseKind.MySql ? "MYSQL" : "POSTGRES";
}
