using KcmCompose.Kcm;

namespace KcmCompose.Validation;

/// <summary>Rows for the checks of the KCM services and their TLS proxy (keeper/guacamole-ssl-nginx).</summary>
internal static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EulaNotAccepted = new(
        "eula-not-accepted", DiagnosticSeverity.Error, "A KCM service does not accept the EULA.",
        "Service '{0}' runs a Keeper image but {1}, so the container exits at start.",
        "Set ACCEPT_EULA: \"Y\" in the environment of service '{0}' once you accept the Keeper EULA.");

    public static readonly DiagnosticDescriptor GuacamoleHostUnknown = new(
        "guacamole-host-unknown", DiagnosticSeverity.Error, "GUACAMOLE_HOSTNAME names no service.",
        "GUACAMOLE_HOSTNAME '{0}' is not the name, container_name or alias of any service in this file.",
        "Set GUACAMOLE_HOSTNAME to the name of the service running keeper/guacamole{1}.");

    public static readonly DiagnosticDescriptor SslHostnameMissing = new(
        "ssl-hostname-missing", DiagnosticSeverity.Error, "The proxy has no SSL_HOSTNAME.",
        "The proxy service '{0}' has no SSL_HOSTNAME, so nginx does not know the public name to serve.",
        "Set SSL_HOSTNAME to the host name users type in the browser, such as kcm.example.com.");

    public static readonly DiagnosticDescriptor TlsModeConflict = new(
        "tls-mode-conflict", DiagnosticSeverity.Error, "More than one TLS certificate source is configured.",
        "The proxy service '{0}' configures {1}; the image uses only one certificate source.",
        "Keep exactly one of LETSENCRYPT_ACCEPT_TOS: \"Y\", SELF_SIGNED: \"Y\" or CERTIFICATE_FILE with PRIVATE_KEY_FILE.");

    public static readonly DiagnosticDescriptor TlsModeMissing = new(
        "tls-mode-missing", DiagnosticSeverity.Warning, "No TLS certificate source is configured.",
        "The proxy service '{0}' sets none of LETSENCRYPT_ACCEPT_TOS, SELF_SIGNED or CERTIFICATE_FILE.",
        "Choose one: LETSENCRYPT_ACCEPT_TOS: \"Y\" with LETSENCRYPT_EMAIL, SELF_SIGNED: \"Y\", or CERTIFICATE_FILE with PRIVATE_KEY_FILE.");

    public static readonly DiagnosticDescriptor VerifyClientInvalid = new(
        "verify-client-invalid", DiagnosticSeverity.Error, "SSL_VERIFY_CLIENT has a value nginx does not accept.",
        "SSL_VERIFY_CLIENT '{0}' is not one of on, off, optional or optional_no_ca.",
        "Set SSL_VERIFY_CLIENT: \"on\" to require a client certificate (or \"optional\" together with a check of $ssl_client_verify).");

    public static readonly DiagnosticDescriptor VerifyDepthInvalid = new(
        "verify-depth-invalid", DiagnosticSeverity.Error, "SSL_VERIFY_DEPTH is not a whole number.",
        "SSL_VERIFY_DEPTH '{0}' is not a whole number, 0 or more.",
        "Set SSL_VERIFY_DEPTH to the number of CA certificates between a client certificate and its root, such as \"2\".");

    public static readonly DiagnosticDescriptor VerifyWithoutCa = new(
        "verify-without-ca", DiagnosticSeverity.Error, "SSL_VERIFY_* is set without CLIENT_CERTIFICATE_FILE.",
        "{0} is set but CLIENT_CERTIFICATE_FILE is not, so the proxy has no CA to verify client certificates with.",
        "Mount the CA file into the proxy and set CLIENT_CERTIFICATE_FILE to its path in the container, or remove {0}.");

    public static readonly DiagnosticDescriptor VerifyNotEnforced = new(
        "verify-not-enforced", DiagnosticSeverity.Warning, "Client certificates are configured but not required.",
        "CLIENT_CERTIFICATE_FILE is set but SSL_VERIFY_CLIENT is '{0}'{1}, so clients without a valid certificate get in.",
        "Set SSL_VERIFY_CLIENT: \"on\", or check $$ssl_client_verify in ADDITIONAL_NGINX_CONFIG (if ($$ssl_client_verify != SUCCESS) {{ return 403; }}).");

    public static readonly DiagnosticDescriptor UnescapedDollar = new(
        "unescaped-dollar", DiagnosticSeverity.Error, "A $ meant for nginx will be interpolated by Compose.",
        "'{0}' in {1} is a Compose placeholder{2}, so Compose replaces it before nginx sees it.",
        "Write '{3}' so that nginx receives '{4}'.");

    public static readonly DiagnosticDescriptor NginxConfigUnbalanced = new(
        "nginx-config-unbalanced", DiagnosticSeverity.Error, "ADDITIONAL_NGINX_CONFIG has unbalanced braces or quotes.",
        "ADDITIONAL_NGINX_CONFIG has {0}, so nginx will refuse its configuration.",
        "{1}");

    public static readonly DiagnosticDescriptor NginxConfigEscapesLocation = new(
        "nginx-config-escapes-location", DiagnosticSeverity.Error, "ADDITIONAL_NGINX_CONFIG reaches outside the proxied location.",
        "ADDITIONAL_NGINX_CONFIG {0}; the image places it inside the proxied location block, where it must stay.",
        "{1}");

    public static readonly DiagnosticDescriptor ProxySettingMisspelled = new(
        "proxy-setting-misspelled", DiagnosticSeverity.Warning, "A proxy variable looks like a misspelled setting.",
        "The proxy variable '{0}' is not a setting of keeper/guacamole-ssl-nginx, but '{1}' is; the image ignores '{0}'.",
        "Rename '{0}' to '{1}'.");

    public static readonly DiagnosticDescriptor GuacamoleHostnameMissing = new(
        KcmProblemCodes.GuacamoleHostnameMissing, DiagnosticSeverity.Error, "The proxy has no GUACAMOLE_HOSTNAME.",
        "The proxy service '{0}' has no GUACAMOLE_HOSTNAME, so it does not know where to forward requests.",
        "Set GUACAMOLE_HOSTNAME to the name of the Guacamole service, such as {1}.");

    public static readonly DiagnosticDescriptor ContainerPathUnsafe = new(
        KcmProblemCodes.ContainerPathUnsafe, DiagnosticSeverity.Error, "A container path holds characters nginx reads as syntax.",
        "{0} is placed into an nginx directive by the image, but: {1}",
        "Mount the file at a path made only of letters, digits and / . _ - + @ = , ~ %, and set {0} to it.");

    public static readonly DiagnosticDescriptor ServiceDuplicate = new(
        KcmProblemCodes.ServiceDuplicate, DiagnosticSeverity.Error, "Two services run the same KCM image.",
        "Service '{0}' runs {2} like '{1}'; every command acts on '{1}' only.",
        "Keep one service per KCM image, or name the service to act on (--service).");

    static partial void AddProxyDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        foreach (var d in new[]
        {
            EulaNotAccepted, GuacamoleHostUnknown, SslHostnameMissing, TlsModeConflict, TlsModeMissing, VerifyClientInvalid,
            VerifyDepthInvalid, VerifyWithoutCa, VerifyNotEnforced, UnescapedDollar, NginxConfigUnbalanced, NginxConfigEscapesLocation,
            ProxySettingMisspelled, GuacamoleHostnameMissing, ContainerPathUnsafe, ServiceDuplicate,
        })
        {
            descriptors.Add(d);
        }
    }
}
