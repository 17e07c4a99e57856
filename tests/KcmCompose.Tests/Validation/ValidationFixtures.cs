namespace KcmCompose.Tests.Validation;

/// <summary>Compose files for the validation tests; line numbers in comments are what the assertions rely on.</summary>
internal static class ValidationFixtures
{
    /// <summary>The KCM stack up to the proxy's environment; the proxy's variables start at line 16, indented 6.</summary>
    public const string KcmPrefix = """
        services:
          guacd:
            image: keeper/guacd:2
            environment:
              ACCEPT_EULA: "Y"
          guacamole:
            image: keeper/guacamole:2
            depends_on: [guacd]
            environment:
              ACCEPT_EULA: "Y"
              GUACD_HOSTNAME: guacd
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            ports: ["443:443"]
            environment:

        """;

    /// <summary>Lines 16-19: a proxy that is valid on its own.</summary>
    public const string GoodProxyEnvironment = """
              ACCEPT_EULA: "Y"
              GUACAMOLE_HOSTNAME: guacamole
              SSL_HOSTNAME: kcm.example.com
              SELF_SIGNED: "Y"

        """;

    /// <summary>A complete stack requiring client certificates; no diagnostics expected.</summary>
    public static string ValidKcmStack => KcmPrefix + GoodProxyEnvironment + """
              CLIENT_CERTIFICATE_FILE: /etc/ssl/kcm/ca.pem
              SSL_VERIFY_CLIENT: "on"
              SSL_VERIFY_DEPTH: "2"
              ADDITIONAL_NGINX_CONFIG: |
                add_header X-Client-DN $$ssl_client_s_dn;
                location /health {
                  return 200 "ok";
                }

        """;

    /// <summary>The KCM stack with the given lines as the proxy's environment (from line 16).</summary>
    public static string KcmFile(string proxyEnvironment) => KcmPrefix + proxyEnvironment;

    /// <summary>The codes owned by the compose and proxy rules (certificate rules live elsewhere).</summary>
    public static readonly string[] ComposeAndProxyCodes =
    [
        "yaml-syntax", "invalid-encoding", "file-too-large", "invalid-type", "interpolation-error", "required-variable",
        "variable-not-set", "invalid-value", "env-file-invalid", "invalid-port",
        "invalid-volume", "unknown-key", "invalid-restart", "undefined-network", "undefined-volume", "undefined-secret",
        "undefined-config", "depends-on-missing", "depends-on-cycle", "port-conflict", "image-missing",
        "duplicate-container-name", "version-obsolete", "yaml11-boolean", "eula-not-accepted", "guacamole-host-unknown",
        "ssl-hostname-missing", "tls-mode-conflict", "tls-mode-missing", "verify-client-invalid", "verify-depth-invalid",
        "verify-without-ca", "verify-not-enforced", "unescaped-dollar", "nginx-config-unbalanced", "nginx-config-escapes-location",
        "proxy-setting-misspelled", "guacamole-hostname-missing", "container-path-unsafe", "kcm-service-duplicate", "env-file-missing",
        "bind-source-missing", "seccomp-profile-missing", "database-volume-missing",
    ];
}
