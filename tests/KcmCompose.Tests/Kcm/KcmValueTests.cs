using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmValueTests
{
    [TestCase("/certs/ca.pem")]
    [TestCase("/")]
    [TestCase("/etc/nginx/conf.d/client-ca_v2.pem")]
    [TestCase("/certs/a+b@c=d,e~f%g.pem")]
    public void ContainerPathOf_AbsolutePath_IsAccepted(string path)
    {
        ContainerPath.Of(path).Value.Should().Be(path);
    }

    [TestCase("")]
    [TestCase("certs/ca.pem")]
    [TestCase("/certs/ca\n.pem")]
    [TestCase("/certs/ca\0.pem")]
    [TestCase("/certs/../etc/passwd")]
    [TestCase("/certs/a:b")]
    [TestCase("/certs/$HOME")]
    [TestCase("/etc/nginx/conf.d/client ca.pem")]
    [TestCase("/certs/ca.pem;ssl_verify_client off")]
    [TestCase("/certs/{ca}.pem")]
    [TestCase("/certs/#ca.pem")]
    [TestCase("/certs/\"ca\".pem")]
    [TestCase("/certs/'ca'.pem")]
    [TestCase("/certs/ca\\.pem")]
    [TestCase("/certs/ca\u00A0.pem")]
    [TestCase("/certs/ca\t.pem")]
    public void ContainerPathOf_BadPath_Throws(string path)
    {
        var act = () => ContainerPath.Of(path);

        act.Should().Throw<ArgumentException>();
        ContainerPath.TryOf(path, out var result).Should().BeFalse();
        result.Should().BeNull();
    }

    [TestCase("kcm.example.com")]
    [TestCase("guacamole")]
    [TestCase("10.0.0.5")]
    [TestCase("::1")]
    public void HostnameOf_ValidName_IsAccepted(string name)
    {
        Hostname.Of(name).Value.Should().Be(name);
    }

    [TestCase("")]
    [TestCase("bad host")]
    [TestCase("-leading.example.com")]
    [TestCase("a..b")]
    [TestCase("kcm.example.com/path")]
    public void HostnameOf_InvalidName_Throws(string name)
    {
        var act = () => Hostname.Of(name);

        act.Should().Throw<ArgumentException>();
    }

    [TestCase(VerifyClientMode.On, "on")]
    [TestCase(VerifyClientMode.Off, "off")]
    [TestCase(VerifyClientMode.Optional, "optional")]
    [TestCase(VerifyClientMode.OptionalNoCa, "optional_no_ca")]
    public void VerifyClientModes_RoundTrip(VerifyClientMode mode, string text)
    {
        mode.ToComposeValue().Should().Be(text);
        VerifyClientModes.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(mode);
    }

    [TestCase("ON", VerifyClientMode.On)]
    [TestCase("Optional_No_CA", VerifyClientMode.OptionalNoCa)]
    [TestCase("OFF", VerifyClientMode.Off)]
    public void VerifyClientModesTryParse_AnyLetterCase_ParsesAsNginxDoes(string text, VerifyClientMode expected)
    {
        VerifyClientModes.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(expected);
    }

    [TestCase("true")]
    [TestCase("")]
    [TestCase(" on")]
    [TestCase("on;")]
    [TestCase("1")]
    public void VerifyClientModesTryParse_OtherSpelling_Fails(string text)
    {
        VerifyClientModes.TryParse(text, out _).Should().BeFalse();
    }

    [TestCase("plain", EnvironmentValueKind.Literal, "plain")]
    [TestCase("a $$b", EnvironmentValueKind.Literal, "a $b")]
    [TestCase("$$$$", EnvironmentValueKind.Literal, "$$")]
    [TestCase("${X}", EnvironmentValueKind.Interpolated, "${X}")]
    [TestCase("a $b", EnvironmentValueKind.Interpolated, "a $b")]
    [TestCase("$", EnvironmentValueKind.Interpolated, "$")]
    public void EnvironmentValueFromComposeText_ClassifiesAndUnescapes(string compose, EnvironmentValueKind kind, string text)
    {
        var value = EnvironmentValue.FromComposeText(compose);

        value.Kind.Should().Be(kind);
        value.Text.Should().Be(text);
        value.ToComposeText().Should().Be(compose);
    }

    [Test]
    public void EnvironmentValuePlaceholder_WritesInterpolation()
    {
        EnvironmentValue.Placeholder("KCM_LICENSE").ToComposeText().Should().Be("${KCM_LICENSE}");
        EnvironmentValue.Placeholder("X", "d").ToComposeText().Should().Be("${X:-d}");
        FluentActions.Invoking(() => EnvironmentValue.Placeholder("1X")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => EnvironmentValue.Placeholder("X", "a}b")).Should().Throw<ArgumentException>();
    }

    [TestCase("keeper/guacd:2", "keeper/guacd")]
    [TestCase("docker.io/keeper/guacd:2.19.1", "keeper/guacd")]
    [TestCase("Keeper/Guacd@sha256:abc", "keeper/guacd")]
    [TestCase("registry.local:5000/keeper/guacd", "keeper/guacd")]
    [TestCase("registry.corp.example/keeper/guacamole-ssl-nginx:2", "keeper/guacamole-ssl-nginx")]
    [TestCase("localhost/keeper/guacd@sha256:0123", "keeper/guacd")]
    [TestCase("Keeper/Guacd:2", "keeper/guacd")]
    public void KcmImagesRepositoryOf_StripsTagDigestAndDockerHub(string image, string repository)
    {
        KcmImages.RepositoryOf(image).Should().Be(repository);
    }
}
