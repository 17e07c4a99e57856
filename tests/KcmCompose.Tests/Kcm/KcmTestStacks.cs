using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

/// <summary>Deterministic stacks (fixed passwords) used by golden, mapping and sample tests.</summary>
internal static class KcmTestStacks
{
    public const string HostileConfig = "if ($ssl_client_verify != SUCCESS) { return 403; }";

    public const string MultiLineConfig = "if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\nproxy_set_header X-Client-DN $ssl_client_s_dn;\n";

    public static KcmStackBuilder Base(DatabaseKind database = DatabaseKind.MySql) =>
        KcmStackBuilder.Create("kcm.example.com")
            .WithDatabase(database)
            .WithDatabasePassword(EnvironmentValue.Literal("db-password-1"))
            .WithAdminPassword(EnvironmentValue.Literal("admin-password-2"))
            .WithRootPassword(EnvironmentValue.Literal("root-password-3"));

    public static KcmStackBuilder PostgresBase() =>
        KcmStackBuilder.Create("kcm.example.com")
            .WithDatabase(DatabaseKind.PostgreSql)
            .WithDatabasePassword(EnvironmentValue.Literal("db-password-1"))
            .WithAdminPassword(EnvironmentValue.Literal("admin-password-2"));

    /// <summary>Name and stack for every golden file.</summary>
    public static IEnumerable<(string Name, KcmStack Stack)> All()
    {
        yield return ("mysql-letsencrypt", Base().WithTls(TlsMode.LetsEncrypt("admin@example.com")).Build());
        yield return ("postgres-self-signed", PostgresBase().WithTls(TlsMode.SelfSigned).Build());
        yield return ("mysql-client-auth", Base()
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa("/etc/kcm/client-ca.pem")
            .WithVerifyClient(VerifyClientMode.On)
            .WithVerifyDepth(2)
            .WithAdditionalNginxConfig(HostileConfig)
            .Build());
        yield return ("postgres-client-auth-multiline", PostgresBase()
            .WithTls(TlsMode.ExistingCertificate("/etc/kcm/server.crt", "/etc/kcm/server.key"))
            .WithClientCa("/etc/kcm/client-ca.pem", "/certs/ca.pem")
            .WithVerifyClient(VerifyClientMode.OptionalNoCa)
            .WithAdditionalNginxConfig(MultiLineConfig)
            .WithLicense(EnvironmentValue.Placeholder("KCM_LICENSE", "none"))
            .Build());
        yield return ("mysql-yaml-lookalikes", Base()
            .WithTls(TlsMode.LetsEncrypt("on@example.com", staging: true))
            .WithClientCa("/etc/kcm/ca.pem")
            .WithVerifyClient(VerifyClientMode.Off)
            .WithVerifyDepth(0)
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_BOOLEAN", EnvironmentValue.Literal("on"))
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_YES", EnvironmentValue.Literal("Y"))
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_NULL", EnvironmentValue.Literal("~"))
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_OCTAL", EnvironmentValue.Literal("0755"))
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_SEXAGESIMAL", EnvironmentValue.Literal("1:30"))
            .WithExtraEnvironment(KcmServiceRole.Guacamole, "PASS_THROUGH", null)
            .Build());
    }

    /// <summary>The stack written to samples/kcm-client-auth/docker-compose.yml.</summary>
    public static KcmStack Sample() =>
        KcmStackBuilder.Create("kcm.example.com")
            .WithTls(TlsMode.LetsEncrypt("admin@example.com"))
            .WithClientCa("/opt/kcm/pki/client-ca.pem")
            .WithVerifyClient(VerifyClientMode.On)
            .WithVerifyDepth(2)
            .WithAdditionalNginxConfig("if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\n")
            .WithDatabasePassword(EnvironmentValue.Literal("REPLACE-db-password"))
            .WithAdminPassword(EnvironmentValue.Literal("REPLACE-admin-password"))
            .WithRootPassword(EnvironmentValue.Literal("REPLACE-root-password"))
            .Build();
}
