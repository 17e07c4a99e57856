using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public sealed class ClientAuthenticationEditorTests
{
    private static readonly ClientAuthentication _settings = new(
        "/opt/kcm/pki/client-ca.pem",
        ContainerPath.Of(ClientAuthentication.DefaultCaPath),
        VerifyClientMode.On,
        2,
        "if ($ssl_client_verify != SUCCESS) { return 403; }");

    internal const string MapStyle = """
        # KCM stack, maintained by ops
        services:
          # The TLS front
          ssl:
            image: keeper/guacamole-ssl-nginx:2   # pinned
            restart: unless-stopped
            ports:
              - "0.0.0.0:443:443"  # public
            volumes:
              - ./certs/server.crt:/certs/server.crt:ro
            environment:
              ACCEPT_EULA: "Y"
              SSL_HOSTNAME: kcm.example.com   # the public name
              # keep this last
              GUACAMOLE_HOSTNAME: guacamole

          guacamole:
            image: keeper/guacamole:2
            environment:
              ACCEPT_EULA: "Y"
        """;

    internal const string ListStyle = """
        x-common: &common
          restart: unless-stopped
        services:
            proxy:
                <<: *common
                image: docker.io/keeper/guacamole-ssl-nginx:2.1
                volumes:
                    -   type: bind
                        source: ./certs/server.crt
                        target: /certs/server.crt
                        read_only: true
                environment:
                    - ACCEPT_EULA=Y
                    - SSL_HOSTNAME=kcm.example.com
                    # tabs	in a comment are fine
        """;

    [TestCase(MapStyle)]
    [TestCase(ListStyle)]
    public void Enable_ExistingFile_KeepsCommentsAndSetsEverything(string original)
    {
        var result = ClientAuthenticationEditor.Enable(original, _settings);

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        foreach (var line in original.Split('\n').Where(l => l.Contains('#', StringComparison.Ordinal)))
        {
            result.Text.Should().Contain(line);
        }

        var proxy = ReadProxy(result.Text);
        proxy.FindEnvironment(KcmVariables.ClientCertificateFile)!.Value.Should().Be("/certs/client-ca.pem");
        proxy.FindEnvironment(KcmVariables.SslVerifyClient)!.Value.Should().Be("on");
        proxy.FindEnvironment(KcmVariables.SslVerifyDepth)!.Value.Should().Be("2");
        proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value.Should().Be("if ($$ssl_client_verify != SUCCESS) { return 403; }");
        proxy.Volumes.Should().ContainSingle(v => v.Target == "/certs/client-ca.pem")
            .Which.Should().Match<VolumeMount>(v => v.ReadOnly && v.Source == "/opt/kcm/pki/client-ca.pem");
        proxy.FindEnvironment("SSL_HOSTNAME")!.Value.Should().Be("kcm.example.com");
    }

    [Test]
    public void Enable_MapStyle_AddsLinesInTheSameStyle()
    {
        var result = ClientAuthenticationEditor.Enable(MapStyle, _settings);

        result.Text.Should().Contain("""
                  - ./certs/server.crt:/certs/server.crt:ro
                  - /opt/kcm/pki/client-ca.pem:/certs/client-ca.pem:ro
            """);
        result.Text.Should().Contain("""
                  GUACAMOLE_HOSTNAME: guacamole
                  CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem
                  SSL_VERIFY_CLIENT: "on"
                  SSL_VERIFY_DEPTH: "2"
            """);
    }

    [Test]
    public void Enable_LongVolumesAndListEnvironment_UsesLongSyntaxAndList()
    {
        var result = ClientAuthenticationEditor.Enable(ListStyle, _settings);

        result.Text.Should().Contain("""
                        -   type: bind
                            source: ./certs/server.crt
                            target: /certs/server.crt
                            read_only: true
                        - type: bind
                          source: /opt/kcm/pki/client-ca.pem
                          target: /certs/client-ca.pem
                          read_only: true
            """);
        result.Text.Should().Contain("- CLIENT_CERTIFICATE_FILE=/certs/client-ca.pem");
        result.Text.Should().Contain("- SSL_VERIFY_CLIENT=on");
    }

    [TestCase(MapStyle)]
    [TestCase(ListStyle)]
    public void Enable_Twice_SecondIsUnchanged(string original)
    {
        var once = ClientAuthenticationEditor.Enable(original, _settings);
        var twice = ClientAuthenticationEditor.Enable(once.Text, _settings);

        twice.Status.Should().Be(ComposeEditStatus.Unchanged, twice.Message);
        twice.Text.Should().Be(once.Text);
    }

    [TestCase(MapStyle)]
    [TestCase(ListStyle)]
    [TestCase(MapStyle + "\n")]
    public void Disable_AfterEnable_RestoresOriginalText(string original)
    {
        var enabled = ClientAuthenticationEditor.Enable(original, _settings);
        var disabled = ClientAuthenticationEditor.Disable(enabled.Text);

        disabled.Status.Should().Be(ComposeEditStatus.Changed, disabled.Message);
        disabled.Text.Should().Be(original);
    }

    [Test]
    public void Enable_CrlfFile_KeepsCrlf()
    {
        var original = MapStyle.ReplaceLineEndings("\r\n") + "\r\n";

        var result = ClientAuthenticationEditor.Enable(original, _settings);

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        result.Text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n");
        ClientAuthenticationEditor.Disable(result.Text).Text.Should().Be(original);
    }

    [Test]
    public void Enable_NewCaPath_ReplacesMountAndVariable()
    {
        var first = ClientAuthenticationEditor.Enable(MapStyle, _settings).Text;

        var moved = _settings with { CaHostPath = "/srv/ca2.pem", CaFile = ContainerPath.Of("/certs/other-ca.pem") };
        var result = ClientAuthenticationEditor.Enable(first, moved);

        var proxy = ReadProxy(result.Text);
        proxy.Volumes.Should().NotContain(v => v.Target == "/certs/client-ca.pem");
        proxy.Volumes.Should().ContainSingle(v => v.Target == "/certs/other-ca.pem");
        proxy.Environment.Count(e => e.Name == KcmVariables.ClientCertificateFile).Should().Be(1);
        result.Text.Should().Contain("CLIENT_CERTIFICATE_FILE: /certs/other-ca.pem");
    }

    [Test]
    public void Enable_NoEnvironmentOnlyEnvFile_AddsEnvironmentBlock()
    {
        const string original = """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                env_file: ssl.env
            """;

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem"));

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        result.Text.Should().Be("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                env_file: ssl.env
                volumes:
                  - /ca.pem:/certs/client-ca.pem:ro
                environment:
                  CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem
                  SSL_VERIFY_CLIENT: "on"

            """);
        ClientAuthenticationEditor.Disable(result.Text).Text.TrimEnd().Should().Be(original);
    }

    [Test]
    public void Enable_FlowCollections_RewritesOnlyThoseInBlockStyle()
    {
        const string original = """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                volumes: ["./a:/b:ro"]   # flow
                environment: {ACCEPT_EULA: "Y"}
                ports: ["443:443"]
            """;

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem"));

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        result.Text.Should().Contain("ports: [\"443:443\"]");
        result.Text.Should().Contain("""
                volumes:
                  - ./a:/b:ro
                  - /ca.pem:/certs/client-ca.pem:ro
                environment:
                  ACCEPT_EULA: "Y"
                  CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem
            """);
    }

    [Test]
    public void Enable_NoProxy_Refused()
    {
        var result = ClientAuthenticationEditor.Enable("services:\n  web:\n    image: nginx\n", _settings);

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Message.Should().Contain(KcmImages.SslNginx).And.NotContain("\n");
        result.Text.Should().Be("services:\n  web:\n    image: nginx\n");
    }

    [Test]
    public void Enable_EnvironmentFromMergeKey_Refused()
    {
        const string original = """
            x-env: &env
              environment:
                ACCEPT_EULA: "Y"
            services:
              ssl:
                <<: *env
                image: keeper/guacamole-ssl-nginx:2
            """;

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem") with { CaHostPath = null });

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Message.Should().Contain("merge key");
    }

    [Test]
    public void Disable_NothingEnabled_Unchanged()
    {
        var result = ClientAuthenticationEditor.Disable(MapStyle);

        result.Status.Should().Be(ComposeEditStatus.Unchanged);
        result.Text.Should().BeSameAs(MapStyle);
    }

    [Test]
    public void ToUnifiedDiff_Enable_ShowsOnlyAddedLines()
    {
        var diff = ClientAuthenticationEditor.Enable(MapStyle, _settings).ToUnifiedDiff();

        var changed = diff.Split('\n').Where(l => l.Length > 0 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).ToList();
        changed.Should().OnlyContain(l => l[0] == '+');
        changed.Should().HaveCount(5);
        diff.Should().StartWith("--- a/<string>\n+++ b/<string>\n@@ ");
    }

    [Test]
    public void Enable_EmptyEnvironmentAndIndentlessVolumes_FillsThemInTheirStyle()
    {
        const string original = "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n    volumes:\n    - ./a:/a\n";

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem"));

        result.Text.Should().Be(
            "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n      CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem\n      SSL_VERIFY_CLIENT: \"on\"\n" +
            "    volumes:\n    - ./a:/a\n    - /ca.pem:/certs/client-ca.pem:ro\n");
    }

    [Test]
    public void Enable_ExistingBlockConfig_ReplacedInPlace()
    {
        const string original = "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n      ADDITIONAL_NGINX_CONFIG: |\n        old;\n        lines;\n      SSL_HOSTNAME: h   # keep\n";

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem") with { CaHostPath = null, VerifyClient = null, AdditionalNginxConfig = "new $x;" });

        result.Text.Should().Be("services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n      ADDITIONAL_NGINX_CONFIG: new $$x;\n      SSL_HOSTNAME: h   # keep\n      CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem\n");
    }

    [Test]
    public void Enable_ListItemWithComment_ValueReplacedCommentKept()
    {
        const string original = "services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n      - SSL_VERIFY_CLIENT=optional   # for now\n      - CLIENT_CERTIFICATE_FILE=/certs/client-ca.pem\n";

        var result = ClientAuthenticationEditor.Enable(original, ClientAuthentication.FromCaFile("/ca.pem") with { CaHostPath = null });

        result.Text.Should().Be("services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx\n    environment:\n      - SSL_VERIFY_CLIENT=on   # for now\n      - CLIENT_CERTIFICATE_FILE=/certs/client-ca.pem\n");
    }

    internal static ComposeService ReadProxy(string text) =>
        ComposeServices.Read(ComposeDocument.Parse(text)).Services.Single(s => KcmImages.RepositoryOf(s.Image!) == KcmImages.SslNginx);
}
