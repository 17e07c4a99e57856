using KcmCompose.Certificates;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Validation.Rules;

namespace KcmCompose.Tests.Kcm;

public sealed class RevocationDenyListTests
{
    private const string MapStyle = """
        # ops file
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2   # pinned
            environment:
              ACCEPT_EULA: "Y"
              SSL_HOSTNAME: kcm.example.com   # the public name
              ADDITIONAL_NGINX_CONFIG: "add_header X-DN $$ssl_client_s_dn;"   # ours
              GUACAMOLE_HOSTNAME: guacamole
        """;

    private const string ListStyle = """
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            environment:
              - ACCEPT_EULA=Y
              - SSL_HOSTNAME=kcm.example.com
        """;

    [TestCase("a1b", "0A1B")]
    [TestCase("0A1B", "0A1B")]
    [TestCase("00:8f:12", "8F12")]
    [TestCase("0x8F12", "8F12")]
    [TestCase("0", "00")]
    [TestCase("7fffffffffffffffffffffffffffffffffffffff", "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    [TestCase("00ffffffffffffffffffffffffffffffffffffffff", "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    [TestCase("0001020304050607080910111213141516171819", "01020304050607080910111213141516171819")]
    public void NginxSerial_AnySpelling_PrintsLikeNginx(string serial, string expected) =>
        RevocationList.NginxSerial(serial).Should().Be(expected);

    [TestCase("")]
    [TestCase("xyz")]
    [TestCase("12 34")]
    public void NginxSerial_NotHex_Throws(string serial) =>
        FluentActions.Invoking(() => RevocationList.NginxSerial(serial)).Should().Throw<ArgumentException>();

    [Test]
    public void Render_Serials_OneSortedDenyLinePerSerialInsideMarkers()
    {
        var text = RevocationDenyList.Render(["b2", "0A1B", "00B2"]);

        text.Should().Be(
            RevocationDenyList.BeginMarker + "\n"
            + "if ($ssl_client_serial = 0A1B) { return 403; }\n"
            + "if ($ssl_client_serial = B2) { return 403; }\n"
            + RevocationDenyList.EndMarker + "\n");
    }

    [Test]
    public void Render_Serials_StaysInsideTheLocation()
    {
        var analysis = NginxSyntax.Analyze(RevocationDenyList.Render(["0A1B", "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"]));

        analysis.StaysInside.Should().BeTrue(string.Join("; ", analysis.Problems.Select(p => p.Kind)));
    }

    [Test]
    public void Render_NoSerial_IsEmpty() => RevocationDenyList.Render([]).Should().BeEmpty();

    [TestCase("")]
    [TestCase("add_header X-A 1;")]
    [TestCase("add_header X-A $$x;\n")]
    [TestCase("  # mine\r\nadd_header X-A 1;  \n\n")]
    public void Merge_UserText_KeptByteForByteAndBlockReplacedOnRerun(string user)
    {
        var first = RevocationDenyList.Merge(user, ["0A"]);
        var second = RevocationDenyList.Merge(first, ["0A", "0B"]);
        var cleared = RevocationDenyList.Merge(second, []);

        first.Should().StartWith(user);
        second.Should().StartWith(user).And.Contain("$$ssl_client_serial = 0B").And.NotContain("$$$");
        RevocationDenyList.Read(second).Should().Equal("0A", "0B");
        cleared.Should().Be(user.Length == 0 || user.EndsWith('\n') ? user : user + "\n");
    }

    [Test]
    public void Merge_BlockInTheMiddle_ReplacedInPlace()
    {
        var value = "a;\n" + RevocationDenyList.Merge(null, ["01"]) + "b;\n";

        var merged = RevocationDenyList.Merge(value, ["02"]);

        merged.Should().Be("a;\n" + RevocationDenyList.Merge(null, ["02"]) + "b;\n");
    }

    [Test]
    public void Merge_BeginWithoutEnd_Throws() =>
        FluentActions.Invoking(() => RevocationDenyList.Merge(RevocationDenyList.BeginMarker + "\n", ["01"])).Should().Throw<FormatException>();

    [Test]
    public void Apply_MappingStyle_WritesBlockAfterUserTextAndKeepsComments()
    {
        var result = RevocationDenyList.Apply(MapStyle, ["0A1B"]);

        result.Status.Should().Be(ComposeEditStatus.Changed);
        result.Text.Should().Contain("# ops file").And.Contain("# the public name");
        var proxy = ComposeServices.Read(ComposeDocument.Parse(result.Text)).Find("ssl")!;
        var value = proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value!;
        value.Should().StartWith("add_header X-DN $$ssl_client_s_dn;\n");
        RevocationDenyList.Read(value).Should().Equal("0A1B");
        RevocationDenyList.Apply(result.Text, ["0A1B"]).Status.Should().Be(ComposeEditStatus.Unchanged);
    }

    [Test]
    public void Apply_ListStyle_AddsItemAndRerunReplacesIt()
    {
        var first = RevocationDenyList.Apply(ListStyle, ["01"]).Text;
        var second = RevocationDenyList.Apply(first, ["01", "02"]).Text;

        var proxy = ComposeServices.Read(ComposeDocument.Parse(second)).Find("ssl")!;
        proxy.Environment.Count(v => v.Name == KcmVariables.AdditionalNginxConfig).Should().Be(1);
        RevocationDenyList.Read(proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value).Should().Equal("01", "02");
        RevocationDenyList.Apply(second, []).Text.TrimEnd().Should().Be(ListStyle);
    }

    [Test]
    public void Apply_FromEnvFileOnly_Refused()
    {
        var folder = Directory.CreateTempSubdirectory("kcm-deny-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "proxy.env"), "ADDITIONAL_NGINX_CONFIG=add_header X-A 1;\n");
            var compose = Path.Combine(folder, "docker-compose.yml");
            File.WriteAllText(compose, ListStyle + "\n    env_file: proxy.env\n");

            var result = RevocationDenyList.Apply(File.ReadAllText(compose), ["01"], compose);

            result.Status.Should().Be(ComposeEditStatus.Refused);
            result.Message.Should().Contain("proxy.env");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Apply_Stack_MergesIntoTheProxyAndEmitsEscaped()
    {
        var stack = KcmStackBuilder.Create("kcm.example.com")
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa("./client-ca.pem", "/etc/kcm/client-ca.pem")
            .WithAdditionalNginxConfig("add_header X-Mine 1;")
            .Build();

        var revoked = RevocationDenyList.Apply(stack, ["0A1B"]);

        revoked.Proxy.ClientAuthentication!.AdditionalNginxConfig.Should().StartWith("add_header X-Mine 1;\n").And.Contain("if ($ssl_client_serial = 0A1B)");
        var emitted = ComposeEmitter.Emit(revoked.ToComposeDocument());
        var proxy = ComposeServices.Read(ComposeDocument.Parse(emitted)).Find("ssl")!;
        RevocationDenyList.Read(proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value).Should().Equal("0A1B");
        emitted.Should().Contain("$$ssl_client_serial");
        RevocationDenyList.Apply(revoked, []).Proxy.ClientAuthentication!.AdditionalNginxConfig.Should().Be("add_header X-Mine 1;\n");
    }

    [Test]
    public void Apply_StackWithoutClientAuthentication_Throws()
    {
        var stack = KcmStackBuilder.Create("kcm.example.com").WithTls(TlsMode.SelfSigned).Build();

        FluentActions.Invoking(() => RevocationDenyList.Apply(stack, ["01"])).Should().Throw<ArgumentException>();
    }
}
