using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmStackReaderTests
{
    private const string HandWritten = """
        # Hand-written: other service names, list environment, long-syntax CA volume, tags and registry prefixes.
        x-common: &eula
          ACCEPT_EULA: Y
        services:
          front:
            image: docker.io/keeper/guacamole-ssl-nginx:2.19.1
            restart: always
            ports:
              - "443:443"
              - target: 80
                published: 8080
                host_ip: 127.0.0.1
            volumes:
              - type: bind
                source: ./pki/ca.pem
                target: /etc/nginx/client-ca.pem
                read_only: true
              - ./extra.conf:/etc/nginx/extra.conf:ro
            environment:
              - ACCEPT_EULA=Y
              - SSL_HOSTNAME=remote.example.org
              - GUACAMOLE_HOSTNAME=web
              - SELF_SIGNED=Y
              - CLIENT_CERTIFICATE_FILE=/etc/nginx/client-ca.pem
              - SSL_VERIFY_CLIENT=optional
              - SSL_VERIFY_DEPTH=3
              - "ADDITIONAL_NGINX_CONFIG=if ($$ssl_client_verify != SUCCESS) { return 403; }"
              - TZ=Europe/Berlin
          daemon:
            image: keeper/guacd:2
            restart: unless-stopped
            shm_size: 1001500k
            environment: *eula
          web:
            image: keeper/guacamole:2
            restart: unless-stopped
            depends_on: [daemon, database]
            environment:
              <<: *eula
              GUACD_HOSTNAME: daemon
              POSTGRES_HOSTNAME: database
              POSTGRES_DATABASE: kcm
              POSTGRES_USERNAME: kcm_user
              POSTGRES_PASSWORD: ${DB_PASSWORD}
              KCM_LICENSE: ${KCM_LICENSE}
          database:
            image: keeper/guacamole-db-postgres:2
            restart: unless-stopped
            environment:
              ACCEPT_EULA: "Y"
              GUACAMOLE_DATABASE: kcm
              GUACAMOLE_USERNAME: kcm_user
              GUACAMOLE_PASSWORD: ${DB_PASSWORD}
          backup:
            image: busybox:1.36
            command: ["true"]
        volumes:
          data: {}
        """;

    private static IEnumerable<TestCaseData> Stacks() =>
        KcmTestStacks.All().Select(s => new TestCaseData(s.Stack).SetName($"Read_Emitted_{s.Name}_GivesEqualModel"));

    [TestCaseSource(nameof(Stacks))]
    public void Read_EmittedStack_GivesEqualModel(KcmStack stack)
    {
        var result = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

        result.Problems.Should().BeEmpty();
        result.Stack.Should().Be(stack);
    }

    [Test]
    public void Read_HandWrittenFile_RecognisesEveryService()
    {
        var result = KcmStackReader.Read(ComposeDocument.Parse(HandWritten, "docker-compose.yml"));

        result.Problems.Should().BeEmpty();
        var stack = result.Stack!;
        stack.AcceptEula.Should().BeTrue();
        stack.Proxy.ServiceName.Should().Be("front");
        stack.Proxy.Restart.Should().Be(RestartPolicy.Always);
        stack.Proxy.SslHostname.Value.Should().Be("remote.example.org");
        stack.Proxy.GuacamoleHostname.Value.Should().Be("web");
        stack.Proxy.Tls.Should().Be(TlsMode.SelfSigned);
        stack.Proxy.ClientAuthentication.Should().Be(new ClientAuthentication(
            "./pki/ca.pem", ContainerPath.Of("/etc/nginx/client-ca.pem"), VerifyClientMode.Optional, 3, "if ($ssl_client_verify != SUCCESS) { return 403; }"));
        stack.Proxy.Ports.Should().Equal(new PortBinding(null, 443, 443), new PortBinding("127.0.0.1", 8080, 80));
        stack.Proxy.ExtraMounts.Should().Equal(new ServiceMount("./extra.conf", ContainerPath.Of("/etc/nginx/extra.conf")));
        stack.Proxy.ExtraEnvironment.Should().Equal(new EnvironmentEntry("TZ", EnvironmentValue.Literal("Europe/Berlin")));
        stack.Guacd.ServiceName.Should().Be("daemon");
        stack.Guacd.OtherKeys["shm_size"].Should().Be(new ComposeScalar("1001500k"));
        stack.Guacamole.ServiceName.Should().Be("web");
        stack.Guacamole.GuacdHostname.Value.Should().Be("daemon");
        stack.Guacamole.License.Should().Be(EnvironmentValue.Placeholder("KCM_LICENSE"));
        stack.Guacamole.OtherKeys.Find("depends_on").Should().BeNull("it equals the dependencies the model implies");
        stack.Database.Kind.Should().Be(DatabaseKind.PostgreSql);
        stack.Database.DatabaseName.Should().Be("kcm");
        stack.Database.Password.Should().Be(EnvironmentValue.Interpolated("${DB_PASSWORD}"));
        stack.OtherServices.Entries.Select(e => e.Key.Value).Should().Equal("backup");
        stack.OtherTopLevel.Entries.Select(e => e.Key.Value).Should().Equal("x-common", "volumes");
    }

    [Test]
    public void Read_HandWrittenFile_RewritesWithTheSameModel()
    {
        var stack = KcmStackReader.Read(ComposeDocument.Parse(HandWritten)).Stack!;

        var again = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

        again.Stack.Should().Be(stack);
    }

    [Test]
    public void Read_UnescapedDollarInNginxConfig_ReportsItWithLocationAndKeepsNginxText()
    {
        const string yaml = """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                restart: unless-stopped
                environment:
                  ACCEPT_EULA: "Y"
                  SSL_HOSTNAME: kcm.example.com
                  GUACAMOLE_HOSTNAME: guacamole
                  CLIENT_CERTIFICATE_FILE: /certs/ca.pem
                  ADDITIONAL_NGINX_CONFIG: if ($ssl_client_verify != SUCCESS) { return 403; }
                volumes:
                  - ./ca.pem:/certs/ca.pem:ro
              guacd: {image: "keeper/guacd:2", restart: unless-stopped, environment: {ACCEPT_EULA: "Y"}}
              guacamole:
                image: keeper/guacamole:2
                restart: unless-stopped
                environment: {ACCEPT_EULA: "Y", GUACD_HOSTNAME: guacd, MYSQL_HOSTNAME: db, MYSQL_DATABASE: g, MYSQL_USERNAME: u, MYSQL_PASSWORD: p}
              db:
                image: keeper/guacamole-db-mysql:2
                restart: unless-stopped
                environment: {ACCEPT_EULA: "Y", GUACAMOLE_DATABASE: g, GUACAMOLE_USERNAME: u, GUACAMOLE_PASSWORD: p}
            """;

        var result = KcmStackReader.Read(ComposeDocument.Parse(yaml, "c.yml"));

        var problem = result.Problems.Should().ContainSingle().Which;
        problem.Code.Should().Be("unescaped-dollar");
        problem.Location.Should().Be(new SourceLocation("c.yml", 10, 32));
        problem.Path.Should().Be("services.ssl.environment.ADDITIONAL_NGINX_CONFIG");
        result.Stack!.Proxy.ClientAuthentication!.AdditionalNginxConfig.Should().Be("if ($ssl_client_verify != SUCCESS) { return 403; }");
        result.Stack.ToYaml().Should().Contain("if ($$ssl_client_verify != SUCCESS)");
    }

    [TestCase("services: {}", "kcm-service-missing")]
    [TestCase("volumes: {}", "kcm-no-services")]
    [TestCase("services: {a: {image: 'keeper/guacd:2'}, b: {image: 'keeper/guacd:2'}}", "kcm-service-duplicate")]
    public void Read_IncompleteFile_ReportsWithoutStack(string yaml, string code)
    {
        var result = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        result.Stack.Should().BeNull();
        result.Problems.Select(p => p.Code).Should().Contain(code);
    }

    [TestCase("SSL_VERIFY_CLIENT", "maybe", "verify-client-invalid")]
    [TestCase("SSL_VERIFY_DEPTH", "-1", "verify-depth-invalid")]
    [TestCase("SSL_VERIFY_DEPTH", "two", "verify-depth-invalid")]
    [TestCase("CLIENT_CERTIFICATE_FILE", "relative/ca.pem", "kcm-container-path-invalid")]
    [TestCase("SSL_HOSTNAME", "not a host", "kcm-hostname-invalid")]
    [TestCase("ACCEPT_EULA", "N", "eula-not-accepted")]
    public void Read_BadProxyValue_IsReportedNotThrown(string variable, string value, string code)
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").WithVerifyDepth(1).Build();
        var document = stack.ToComposeDocument();
        var services = (ComposeMapping)document.Root["services"]!;
        var ssl = (ComposeMapping)services["ssl"]!;
        var environment = ((ComposeMapping)ssl["environment"]!).Set(variable, new ComposeScalar(value));
        document = document with { Root = document.Root.Set("services", services.Set("ssl", ssl.Set("environment", environment))) };

        var result = KcmStackReader.Read(document);

        result.Problems.Select(p => p.Code).Should().Contain(code);
        result.Problems.Should().OnlyContain(p => p.Path.StartsWith("services.ssl", StringComparison.Ordinal));
    }

    [Test]
    public void Read_GuacamolePasswordDiffersFromDatabase_ReportsMismatch()
    {
        var stack = KcmTestStacks.Base().Build();
        var yaml = stack.ToYaml().Replace("MYSQL_PASSWORD: db-password-1", "MYSQL_PASSWORD: other", StringComparison.Ordinal);

        var result = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        result.Problems.Should().ContainSingle().Which.Code.Should().Be("kcm-database-setting-mismatch");
        result.Stack!.Database.Password.Should().Be(EnvironmentValue.Literal("db-password-1"));
    }

    [Test]
    public void Read_CaNotMounted_ReportsIt()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").Build();
        stack = stack with { Proxy = stack.Proxy with { ClientAuthentication = stack.Proxy.ClientAuthentication! with { CaHostPath = null } } };

        var result = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

        result.Problems.Select(p => p.Code).Should().Equal("kcm-client-ca-not-mounted");
        result.Stack.Should().Be(stack);
    }

    [TestCase("services: [1, 2]")]
    [TestCase("services: {ssl: 3}")]
    [TestCase("services: {ssl: {image: 'keeper/guacamole-ssl-nginx:2', environment: 7, ports: 'x', volumes: {a: 1}}}")]
    [TestCase("services: {ssl: {image: 'keeper/guacamole-ssl-nginx:2', environment: [{a: 1}, null], ports: [{target: x}], volumes: ['::']}}")]
    public void Read_MalformedInput_NeverThrows(string yaml)
    {
        var act = () => KcmStackReader.Read(ComposeDocument.Parse(yaml));

        act.Should().NotThrow().Which.Problems.Should().NotBeEmpty();
    }

    [Test]
    public void Read_DependsOnWithConditions_IsKeptAndWrittenBack()
    {
        var stack = KcmTestStacks.Base().Build();
        var yaml = stack.ToYaml().Replace("    depends_on:\n      - db\n      - guacd\n", "    depends_on:\n      db:\n        condition: service_healthy\n      guacd:\n        condition: service_started\n", StringComparison.Ordinal);

        var read = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        read.Problems.Should().BeEmpty();
        read.Stack!.Guacamole.OtherKeys.Find("depends_on").Should().NotBeNull();
        read.Stack.ToYaml().Should().Contain("condition: service_healthy").And.NotContain("      - db\n");
    }

    [Test]
    public void Read_LegacyVersionKey_IsKeptInModelButNotWritten()
    {
        var yaml = "version: '3.8'\n" + KcmTestStacks.Base().Build().ToYaml();

        var read = KcmStackReader.Read(ComposeDocument.Parse(yaml));

        read.Stack!.OtherTopLevel.Find("version").Should().NotBeNull();
        read.Stack.ToYaml().Should().StartWith("services:");
    }

    [TestCase(true, true)]
    [TestCase(false, true)]
    [TestCase(false, false)]
    public void Read_SecurityHeaders_RoundTripExactly(bool contentTypeOptions, bool contentSecurityPolicy)
    {
        var yaml = KcmTestStacks.Base().WithSecurityHeaders(contentTypeOptions, contentSecurityPolicy).Build().ToYaml();

        var stack = KcmStackReader.Read(ComposeDocument.Parse(yaml)).Stack!;

        stack.Proxy.ContentTypeOptions.Should().Be(contentTypeOptions);
        stack.Proxy.ContentSecurityPolicy.Should().Be(contentSecurityPolicy);
        stack.ToYaml().Should().Be(yaml);
    }

    [Test]
    public void Read_SecurityHeaderOtherThanY_StaysAnExtraVariableAsWritten()
    {
        var yaml = KcmTestStacks.Base().WithSecurityHeaders(false, false).Build().ToYaml()
            .Replace("      GUACAMOLE_HOSTNAME:", "      CONTENT_SECURITY_POLICY: \"N\"\n      GUACAMOLE_HOSTNAME:", StringComparison.Ordinal);

        var stack = KcmStackReader.Read(ComposeDocument.Parse(yaml)).Stack!;

        stack.Proxy.ContentSecurityPolicy.Should().BeFalse();
        stack.Proxy.ExtraEnvironment.Should().ContainSingle(e => e.Name == "CONTENT_SECURITY_POLICY" && e.Value!.Text == "N");
        stack.ToYaml().Should().Be(yaml);
    }

    [Test]
    public void Read_RequiredVariablePasswords_RoundTripExactly()
    {
        var yaml = KcmStackBuilder.Create("kcm.example.com").Build().ToYaml();

        var stack = KcmStackReader.Read(ComposeDocument.Parse(yaml)).Stack!;

        stack.Database.Password.RequiredVariable.Should().Be("GUACAMOLE_PASSWORD");
        stack.RequiredVariables.Should().Equal(KcmStackBuilder.Create("kcm.example.com").Build().RequiredVariables);
        stack.ToYaml().Should().Be(yaml);
    }
}
