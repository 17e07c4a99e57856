using CsCheck;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Tests.Compose;

namespace KcmCompose.Tests.Kcm.Editing;

/// <summary>Hostile settings through every input file: the edit re-reads exactly, is idempotent and disable undoes it.</summary>
public sealed class ClientAuthenticationEditorPropertyTests
{
    [TestCase("keeper-docs")]
    [TestCase("list-style")]
    [TestCase("env-file-only")]
    public void EnableDisable_HostileValues_ExactIdempotentReversible(string name)
    {
        var original = ClientAuthenticationEditorGoldenTests.Read(name);
        var crlf = original.ReplaceLineEndings("\r\n");
        Gen.Select(ComposeGenerators.HostileString, ComposeGenerators.HostileString, Gen.Bool).Sample(
            (config, host, useCrlf) =>
            {
                var text = useCrlf ? crlf : original;
                var settings = ClientAuthenticationEditorGoldenTests.Settings with { CaHostPath = "/" + host, AdditionalNginxConfig = config };

                var enabled = ClientAuthenticationEditor.Enable(text, settings);

                enabled.Status.Should().Be(ComposeEditStatus.Changed, enabled.Message);
                var proxy = ClientAuthenticationEditorTests.ReadProxy(enabled.Text);
                proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value.Should().Be(ComposeText.Escape(config));
                proxy.FindEnvironment(KcmVariables.ClientCertificateFile)!.Value.Should().Be(ClientAuthentication.DefaultCaPath);
                ClientAuthenticationEditor.Enable(enabled.Text, settings).Status.Should().Be(ComposeEditStatus.Unchanged);
                ClientAuthenticationEditor.Disable(enabled.Text).Text.Should().Be(text);
            },
            iter: 300);
    }
}
