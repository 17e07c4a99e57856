using System.Runtime.CompilerServices;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

/// <summary>
/// The emitted form of the all-syntax fixture is committed as <c>everything.verified.yaml</c>; on a mismatch the
/// new output is written beside it as <c>everything.received.yaml</c> for review.
/// </summary>
public class ComposeEmitterGoldenTests
{
    [Test]
    public async Task Emit_AllSyntaxFixture_MatchesVerifiedFile()
    {
        var fixtures = FixtureFolder();
        var document = await ComposeDocument.LoadAsync(Path.Combine(fixtures, "everything.yml"));
        var received = ComposeEmitter.Emit(document);
        var verifiedPath = Path.Combine(fixtures, "everything.verified.yaml");
        var receivedPath = Path.Combine(fixtures, "everything.received.yaml");

        var verified = File.Exists(verifiedPath) ? await File.ReadAllTextAsync(verifiedPath) : null;
        if (received != verified)
        {
            await File.WriteAllTextAsync(receivedPath, received);
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }

        received.Should().Be(verified, $"the emitter output changed; review {receivedPath} and rename it to everything.verified.yaml if it is right");
        ComposeDocument.Parse(received).Root.Should().Be(document.Root);
    }

    private static string FixtureFolder([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Fixtures");
}
