using System.Runtime.CompilerServices;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm.Editing;

/// <summary>Real-looking compose files from <c>Inputs/</c>, edited; the results are golden files in <c>Snapshots/</c>.</summary>
public sealed class ClientAuthenticationEditorGoldenTests
{
    internal static readonly ClientAuthentication Settings = new(
        "/opt/kcm/pki/client-ca.pem",
        ContainerPath.Of(ClientAuthentication.DefaultCaPath),
        VerifyClientMode.Optional,
        2,
        "if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\n");

    private static IEnumerable<string> Inputs() => ["keeper-docs", "list-style", "env-file-only"];

    [TestCaseSource(nameof(Inputs))]
    public void Enable_Input_MatchesGolden(string name)
    {
        var original = Read(name);

        var result = ClientAuthenticationEditor.Enable(original, Settings, name + ".yml");

        result.Status.Should().Be(ComposeEditStatus.Changed, result.Message);
        Golden.Verify(name + ".enabled", result.Text);
    }

    [TestCaseSource(nameof(Inputs))]
    public void Enable_Input_KeepsEveryOriginalCommentAndIsIdempotent(string name)
    {
        var original = Read(name);

        var once = ClientAuthenticationEditor.Enable(original, Settings).Text;
        var twice = ClientAuthenticationEditor.Enable(once, Settings);

        foreach (var line in original.Split('\n').Where(l => l.Contains('#', StringComparison.Ordinal)))
        {
            once.Should().Contain(line.TrimStart());
        }

        twice.Status.Should().Be(ComposeEditStatus.Unchanged);
        twice.Text.Should().Be(once);
    }

    [TestCaseSource(nameof(Inputs))]
    public void Disable_AfterEnable_GivesOriginalBack(string name)
    {
        var original = Read(name);

        var enabled = ClientAuthenticationEditor.Enable(original, Settings).Text;
        var disabled = ClientAuthenticationEditor.Disable(enabled);

        disabled.Status.Should().Be(ComposeEditStatus.Changed);
        disabled.Text.Should().Be(original);
    }

    [TestCaseSource(nameof(Inputs))]
    public void Enable_CrlfInput_SameEditWithCrlf(string name)
    {
        var original = Read(name);
        var expected = ClientAuthenticationEditor.Enable(original, Settings).Text;

        var result = ClientAuthenticationEditor.Enable(original.ReplaceLineEndings("\r\n"), Settings);

        result.Text.Should().Be(expected.ReplaceLineEndings("\r\n"));
    }

    [Test]
    public void Enable_KeeperDocs_ChangesOnlyTheProxyService()
    {
        var original = ComposeDocument.Parse(Read("keeper-docs"));

        var edited = ComposeDocument.Parse(ClientAuthenticationEditor.Enable(Read("keeper-docs"), Settings).Text);

        foreach (var service in ((ComposeMapping)original.Root["services"]!).Entries.Where(e => e.Key.Value != "ssl"))
        {
            ((ComposeMapping)edited.Root["services"]!)[service.Key.Value].Should().Be(service.Value);
        }
    }

    internal static string Read(string name, [CallerFilePath] string callerFile = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(callerFile)!, "Inputs", name + ".yml"));
}
