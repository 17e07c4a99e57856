using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class ClientAuthenticationEditorServerTests
{
    private static readonly string _three = KcmServerTests.ThreeServers().ToYaml();

    [TestCase("c.kcm.test")]
    [TestCase("b.kcm.test")]
    public void EnableServerThenDisableServer_EmittedStack_RestoresTheOriginalBytes(string host)
    {
        var settings = new ClientAuthentication("/pki/new.pem", ContainerPath.Of($"/certs/client-ca-{host}-new.pem"), VerifyClientMode.On, 3);

        var enabled = ClientAuthenticationEditor.EnableServer(_three, host, settings);
        var disabled = ClientAuthenticationEditor.DisableServer(enabled.Text, host);
        var again = ClientAuthenticationEditor.EnableServer(disabled.Text, host, settings);

        enabled.Status.Should().Be(ComposeEditStatus.Changed);
        disabled.Status.Should().Be(ComposeEditStatus.Changed);
        again.Text.Should().Be(enabled.Text);
        if (host == "c.kcm.test")
        {
            disabled.Text.Should().Be(_three);
        }
    }

    [Test]
    public void EnableServer_ChangesOnlyThatServer()
    {
        var settings = new ClientAuthentication("/pki/c.pem", ContainerPath.Of("/certs/client-ca-c.kcm.test.pem"), VerifyClientMode.Optional, 2);

        var enabled = ClientAuthenticationEditor.EnableServer(_three, "c.kcm.test", settings);

        var proxy = KcmStackReader.Read(ComposeDocument.Parse(enabled.Text)).Stack!.Proxy;
        var original = KcmStackReader.Read(ComposeDocument.Parse(_three)).Stack!.Proxy;
        proxy.ClientAuthentication.Should().Be(original.ClientAuthentication);
        proxy.Servers[0].Should().Be(original.Servers[0]);
        proxy.Servers[1].Overrides.Select(o => (o.Name, o.Value!.Text)).Should().Equal(
            ("CLIENT_CERTIFICATE_FILE", "/certs/client-ca-c.kcm.test.pem"), ("SSL_VERIFY_CLIENT", "optional"), ("SSL_VERIFY_DEPTH", "2"));
        proxy.ExtraMounts.Should().Contain(new ServiceMount("/pki/c.pem", ContainerPath.Of("/certs/client-ca-c.kcm.test.pem")));
    }

    [Test]
    public void DisableServer_EntryWithOwnCaUnderATopLevelCa_SwitchesItOffAndDropsItsMount()
    {
        var disabled = ClientAuthenticationEditor.DisableServer(_three, "b.kcm.test");

        var proxy = KcmStackReader.Read(ComposeDocument.Parse(disabled.Text)).Stack!.Proxy;
        proxy.Servers[0].Get(KcmVariables.ClientCertificateFile).Should().BeEmpty();
        proxy.ExtraMounts.Should().BeEmpty();
        proxy.ClientAuthentication!.CaHostPath.Should().Be("/pki/a.pem");
    }

    [Test]
    public void EnableServer_UnknownHost_IsRefusedNamingTheServers()
    {
        var result = ClientAuthenticationEditor.EnableServer(_three, "d.kcm.test", ClientAuthentication.FromCaFile("/pki/d.pem"));

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Message.Should().Contain("a.kcm.test, b.kcm.test, c.kcm.test");
    }
}
