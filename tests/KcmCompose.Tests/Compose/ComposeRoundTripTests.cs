using CsCheck;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeRoundTripTests
{
    [Test]
    public void EmitThenParse_AnyDocument_GivesTheSameTree() =>
        ComposeGenerators.Document.Sample(
            document =>
            {
                var yaml = ComposeEmitter.Emit(document);
                var parsed = Reparse(yaml);
                return parsed.Root.Equals(document.Root);
            },
            iter: 3000,
            print: d => ComposeEmitter.Emit(d));

    [Test]
    public void Emit_AnyDocument_IsDeterministicAndIdempotent() =>
        ComposeGenerators.Document.Sample(
            document =>
            {
                var yaml = ComposeEmitter.Emit(document);
                return yaml == ComposeEmitter.Emit(document with { })
                    && yaml == ComposeEmitter.Emit(Reparse(yaml))
                    && !yaml.Contains('\r', StringComparison.Ordinal);
            },
            iter: 1000,
            print: d => ComposeEmitter.Emit(d));

    [Test]
    public void EmitThenParse_HostileString_AsKeyAndValueInEveryPosition_RoundTrips() =>
        ComposeGenerators.HostileString.Sample(
            text =>
            {
                var scalar = new ComposeScalar(text);
                var root = ComposeMapping.Empty
                    .Set(text, scalar)
                    .Set("list", new ComposeSequence([scalar, new ComposeSequence([scalar]), ComposeMapping.Empty.Set(text, scalar)]))
                    .Set("map", ComposeMapping.Empty.Set("inner", scalar).Set("deeper", ComposeMapping.Empty.Set(text, scalar)));
                var yaml = ComposeEmitter.Emit(new ComposeDocument(root.Remove("version")));
                return Reparse(yaml).Root.Equals(root.Remove("version"));
            },
            iter: 5000,
            print: t => System.Text.Json.JsonSerializer.Serialize(t));

    private static ComposeDocument Reparse(string yaml)
    {
        try
        {
            return ComposeDocument.Parse(yaml);
        }
        catch (ComposeLoadException e)
        {
            throw new AssertionException($"Emitted YAML does not parse: {e.Message}\n{System.Text.Json.JsonSerializer.Serialize(yaml)}", e);
        }
    }
}
