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
    public void Build_WithoutPasswords_GeneratesDistinctStrongOnes()
    {
        var a = KcmStackBuilder.Create("kcm.example.com").Build().Database;
        var b = KcmStackBuilder.Create("kcm.example.com").Build().Database;

        string[] passwords = [a.Password.Text, a.AdminPassword!.Text, a.RootPassword!.Text, b.Password.Text];
        passwords.Should().OnlyHaveUniqueItems().And.OnlyContain(p => p.Length == 24 && p.All(char.IsAsciiLetterOrDigit));
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
