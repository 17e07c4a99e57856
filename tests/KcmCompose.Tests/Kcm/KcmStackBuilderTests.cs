using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmStackBuilderTests
{
    [Test]
    public void WithX_ReturnsNewBuilder_LeavingTheOriginalUnchanged()
    {
        var original = KcmTestStacks.Base();

        var withCa = original.WithClientCa("/ca.pem");

        withCa.Should().NotBeSameAs(original);
        original.Build().Proxy.ClientAuthentication.Should().BeNull();
        withCa.Build().Proxy.ClientAuthentication!.CaHostPath.Should().Be("/ca.pem");
    }

    [Test]
    public void Build_Defaults_FollowKcmDocumentation()
    {
        var stack = KcmStackBuilder.Create("kcm.example.com").Build();

        stack.Proxy.Image.Should().Be("keeper/guacamole-ssl-nginx:2");
        stack.Guacd.Image.Should().Be("keeper/guacd:2");
        stack.Guacamole.Image.Should().Be("keeper/guacamole:2");
        stack.Database.Image.Should().Be("keeper/guacamole-db-mysql:2");
        stack.Proxy.Ports.Select(p => p.ToComposeText()).Should().Equal("0.0.0.0:80:80", "0.0.0.0:443:443");
        stack.Proxy.Tls.Should().Be(TlsMode.LetsEncrypt());
        stack.Services.Should().OnlyContain(s => s.Restart == RestartPolicy.UnlessStopped);
    }

    [Test]
    public void Build_WithoutPasswords_ReadsEachFromTheEnvFileWithComposesRequiredForm()
    {
        var database = KcmStackBuilder.Create("kcm.example.com").Build().Database;

        database.Password.RequiredVariable.Should().Be(KcmVariables.GuacamolePassword);
        database.AdminPassword!.RequiredVariable.Should().Be(KcmVariables.GuacamoleAdminPassword);
        database.RootPassword!.RequiredVariable.Should().Be(KcmVariables.MySqlRootPassword);
        database.Password.Text.Should().StartWith("${GUACAMOLE_PASSWORD:?").And.EndWith("}");
    }

    [Test]
    public void Build_SameOptionsTwice_WritesTheSameBytes()
    {
        var a = KcmStackBuilder.Create("kcm.example.com").WithDatabase(DatabaseKind.PostgreSql).Build().ToYaml();
        var b = KcmStackBuilder.Create("kcm.example.com").WithDatabase(DatabaseKind.PostgreSql).Build().ToYaml();

        b.Should().Be(a);
    }

    [TestCase(DatabaseKind.MySql, new[] { "GUACAMOLE_ADMIN_PASSWORD", "GUACAMOLE_PASSWORD", "MYSQL_ROOT_PASSWORD" })]
    [TestCase(DatabaseKind.PostgreSql, new[] { "GUACAMOLE_ADMIN_PASSWORD", "GUACAMOLE_PASSWORD" })]
    public void RequiredVariables_DefaultStack_NamesEverySecretOnce(DatabaseKind kind, string[] expected)
    {
        var stack = KcmStackBuilder.Create("kcm.example.com").WithDatabase(kind).Build();

        stack.RequiredVariables.Should().BeEquivalentTo(expected);
        stack.ToYaml().Should().NotMatchRegex("PASSWORD: [A-Za-z0-9]{24}", "no password literal is written");
    }

    [Test]
    public void RequiredVariables_LiteralPasswords_AreEmpty()
    {
        KcmTestStacks.Base().Build().RequiredVariables.Should().BeEmpty();
    }

    [Test]
    public void Build_SecurityHeaders_OnByDefaultAndSwitchable()
    {
        var on = KcmTestStacks.Base().Build();
        var off = KcmTestStacks.Base().WithSecurityHeaders(contentTypeOptions: false, contentSecurityPolicy: false).Build();

        on.Proxy.ContentTypeOptions.Should().BeTrue();
        on.Proxy.ContentSecurityPolicy.Should().BeTrue();
        on.ToYaml().Should().Contain("CONTENT_TYPE_OPTIONS: \"Y\"").And.Contain("CONTENT_SECURITY_POLICY: \"Y\"");
        off.ToYaml().Should().NotContain("CONTENT_TYPE_OPTIONS").And.NotContain("CONTENT_SECURITY_POLICY");
    }

    [Test]
    public void Build_ClientCa_DefaultsToVerifyOnAndReadOnlyMount()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/srv/ca.pem").Build();

        stack.Proxy.ClientAuthentication.Should().Be(new ClientAuthentication("/srv/ca.pem", ContainerPath.Of("/certs/client-ca.pem"), VerifyClientMode.On));
        stack.ToYaml().Should().Contain("- /srv/ca.pem:/certs/client-ca.pem:ro");
    }

    [Test]
    public void Build_NginxConfigWithoutCa_GoesToExtraEnvironment()
    {
        var stack = KcmTestStacks.Base().WithAdditionalNginxConfig("add_header X-A b;").Build();

        stack.Proxy.ExtraEnvironment.Should().Equal(new EnvironmentEntry("ADDITIONAL_NGINX_CONFIG", EnvironmentValue.Literal("add_header X-A b;")));
    }

    [Test]
    public void Build_SeveralProblems_ReportsThemAll()
    {
        var builder = KcmStackBuilder.Create("not a host").WithImageTag("bad tag").WithVerifyDepth(2);

        var act = () => builder.Build();

        act.Should().Throw<KcmStackException>().Which.Problems.Select(p => p.Code)
            .Should().BeEquivalentTo(["kcm-invalid", "kcm-invalid", "verify-without-ca"], "each problem carries a code of the one catalog");
    }

    [TestCase("SSL_HOSTNAME")]
    [TestCase("ACCEPT_EULA")]
    public void Build_ExtraEnvironmentShadowingModel_IsRejected(string name)
    {
        var act = () => KcmTestStacks.Base().WithExtraEnvironment(KcmServiceRole.Proxy, name, EnvironmentValue.Literal("x")).Build();

        act.Should().Throw<KcmStackException>().WithMessage($"*{name}*typed property*");
    }

    [Test]
    public void Build_PostgresWithRootPassword_IsRejected()
    {
        var act = () => KcmTestStacks.PostgresBase().WithRootPassword(EnvironmentValue.Literal("r")).Build();

        act.Should().Throw<KcmStackException>().WithMessage("*MySQL only*");
    }

    [Test]
    public void Build_RenamedServices_AreUsedAsHostnames()
    {
        var stack = KcmTestStacks.Base().WithServiceName(KcmServiceRole.Guacamole, "web").WithServiceName(KcmServiceRole.Database, "mysql").Build();

        stack.Proxy.GuacamoleHostname.Value.Should().Be("web");
        stack.Guacamole.DatabaseHostname.Value.Should().Be("mysql");
        stack.ToYaml().Should().Contain("  web:\n").And.Contain("MYSQL_HOSTNAME: mysql");
    }
}
