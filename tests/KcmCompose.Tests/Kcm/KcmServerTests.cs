using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmServerTests
{
    internal static KcmStack ThreeServers(string caA = "/pki/a.pem", string caB = "/pki/b.pem") =>
        KcmStackBuilder.Create("a.kcm.test")
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa(caA)
            .WithServerClientCa("b.kcm.test", caB)
            .WithServer(KcmServer.Of("c.kcm.test", [KeyValuePair.Create("CLIENT_CERTIFICATE_FILE", string.Empty)]))
            .WithDatabasePassword(EnvironmentValue.Literal("pw"))
            .WithAdminPassword(EnvironmentValue.Literal("admin"))
            .WithRootPassword(EnvironmentValue.Literal("root"))
            .Build();

    [Test]
    public void ToYaml_ThreeServers_WritesServersAsYamlBlockAndReadsBackExactly()
    {
        var stack = ThreeServers();

        var yaml = stack.ToYaml();
        var again = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        yaml.Should().Contain("""
                  SERVERS: |
                    - SSL_HOSTNAME: b.kcm.test
                      CLIENT_CERTIFICATE_FILE: /certs/client-ca-b.kcm.test.pem
                    - SSL_HOSTNAME: c.kcm.test
                      CLIENT_CERTIFICATE_FILE: ""
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        yaml.Should().Contain("- /pki/b.pem:/certs/client-ca-b.kcm.test.pem:ro");
        again.Problems.Should().BeEmpty();
        again.Stack.Should().Be(stack);
        again.Stack!.ToYaml().Should().Be(yaml);
    }

    [Test]
    public void Read_ServersAsJsonWithDollar_ReadsLiteralValuesAndEmitsEscaped()
    {
        var yaml = ThreeServers().ToYaml().Replace(
            "SERVERS: |\n        - SSL_HOSTNAME: b.kcm.test\n          CLIENT_CERTIFICATE_FILE: /certs/client-ca-b.kcm.test.pem\n        - SSL_HOSTNAME: c.kcm.test\n          CLIENT_CERTIFICATE_FILE: \"\"\n",
            "SERVERS: '[{\"SSL_HOSTNAME\": \"b.kcm.test\", \"ADDITIONAL_NGINX_CONFIG\": \"return 403 $$ssl_client_s_dn;\"}]'\n",
            StringComparison.Ordinal);

        var result = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        result.Problems.Should().BeEmpty();
        var server = result.Stack!.Proxy.Servers.Should().ContainSingle().Subject;
        server.SslHostname.Value.Should().Be("b.kcm.test");
        server.Get(KcmVariables.AdditionalNginxConfig).Should().Be("return 403 $ssl_client_s_dn;");
        result.Stack.ToYaml().Should().Contain("ADDITIONAL_NGINX_CONFIG: return 403 $$ssl_client_s_dn;");
        KcmStackReader.Read(ComposeDocument.Parse(result.Stack.ToYaml())).Stack.Should().Be(result.Stack);
    }

    [Test]
    public void EffectiveSettings_OverrideElseInherited()
    {
        var stack = ThreeServers();

        var b = stack.Proxy.Servers[0].EffectiveSettings(stack.Proxy);
        var c = stack.Proxy.Servers[1].EffectiveSettings(stack.Proxy);

        b[KcmVariables.SslHostname].Should().Be("b.kcm.test");
        b[KcmVariables.ClientCertificateFile].Should().Be("/certs/client-ca-b.kcm.test.pem");
        b[KcmVariables.SslVerifyClient].Should().Be("on", "inherited from the top level");
        b[KcmVariables.SelfSigned].Should().Be("Y");
        c[KcmVariables.ClientCertificateFile].Should().BeEmpty("switched off for this server");
        c.Should().NotContainKey(KcmVariables.Servers);
    }

    [Test]
    public void Of_UnknownOrBadSetting_Throws()
    {
        var unknown = () => KcmServer.Of("b.kcm.test", [KeyValuePair.Create("SSL_VERIFY_DEPT", "2")]);
        var depth = () => KcmServer.Of("b.kcm.test", [KeyValuePair.Create("ssl_verify_depth", "two")]);
        var nested = () => KcmServer.Of("b.kcm.test", [KeyValuePair.Create("SERVERS", "[]")]);

        unknown.Should().Throw<ArgumentException>().WithMessage("*SSL_VERIFY_DEPT*");
        depth.Should().Throw<ArgumentException>().WithMessage("*whole number*");
        nested.Should().Throw<ArgumentException>();
        KcmServer.Of("b.kcm.test", [KeyValuePair.Create("ssl_verify_depth", "2")]).Get(KcmVariables.SslVerifyDepth).Should().Be("2");
    }

    [Test]
    public void Build_ServerRepeatsTopLevelHostname_IsRefused()
    {
        var build = () => KcmStackBuilder.Create("a.kcm.test").WithTls(TlsMode.SelfSigned).WithServer(KcmServer.Of("A.kcm.test")).Build();

        build.Should().Throw<KcmStackException>().Which.Problems.Should().Contain(p => p.Code == "server-hostname-duplicate");
    }

    [Test]
    public void Read_ServersEntryWithUnknownVariableOrWithoutHostname_ReportsAndDrops()
    {
        var yaml = ThreeServers().ToYaml().Replace("CLIENT_CERTIFICATE_FILE: \"\"", "CLIENT_CERT_FILE: x\n        - SSL_VERIFY_DEPTH: '2'", StringComparison.Ordinal);

        var result = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        result.Problems.Select(p => (p.Code, p.Path)).Should().BeEquivalentTo(new[]
        {
            ("server-setting-unknown", "services.ssl.environment.SERVERS[1].CLIENT_CERT_FILE"),
            ("servers-invalid", "services.ssl.environment.SERVERS[2]"),
        });
        result.Stack!.Proxy.Servers.Select(s => s.SslHostname.Value).Should().Equal("b.kcm.test", "c.kcm.test");
    }
}
