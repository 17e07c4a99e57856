using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public sealed class ComposeTextEditorTests
{
    private static ImmutableArray<object> P(params object[] steps) => [.. steps];

    [Test]
    public void SetEntry_ExistingScalar_ReplacesOnlyTheValueKeepingTheComment()
    {
        const string text = "services:\n  a:\n    image: 'old'   # why\n    restart: always\n";

        var edited = ComposeTextEditor.Apply(text, [new ComposeEdit.SetEntry(P("services", "a"), "image", new ComposeScalar("new:1"))]);

        edited.Should().Be("services:\n  a:\n    image: new:1   # why\n    restart: always\n");
    }

    [Test]
    public void SetEntry_ValueNeedingQuotes_UsesEmitterQuoting()
    {
        const string text = "services:\n  a:\n    image: x\n";

        var edited = ComposeTextEditor.Apply(text, [new ComposeEdit.SetEntry(P("services", "a"), "tty", new ComposeScalar("yes"))]);

        edited.Should().Be("services:\n  a:\n    image: x\n    tty: \"yes\"\n");
    }

    [Test]
    public void SetEntry_NoTrailingNewline_AddsLineBreakFirst()
    {
        var edited = ComposeTextEditor.Apply("services:\n  a:\n    image: x", [new ComposeEdit.SetEntry(P("services", "a"), "init", new ComposeScalar("true", ScalarType.Boolean))]);

        edited.Should().Be("services:\n  a:\n    image: x\n    init: true\n");
    }

    [Test]
    public void RemoveEntry_MiddleEntry_RemovesItsLinesOnly()
    {
        const string text = "services:\n  a:\n    image: x\n    command: |\n      run\n      this\n    restart: always\n";

        var edited = ComposeTextEditor.Apply(text, [new ComposeEdit.RemoveEntry(P("services", "a"), "command")]);

        edited.Should().Be("services:\n  a:\n    image: x\n    restart: always\n");
    }

    [Test]
    public void RemoveItem_LastItem_WritesEmptyList()
    {
        const string text = "services:\n  a:\n    image: x\n    ports:\n      - \"80:80\"\n";

        var edited = ComposeTextEditor.Apply(text, [new ComposeEdit.RemoveItem(P("services", "a", "ports"), 0)]);

        edited.Should().Be("services:\n  a:\n    image: x\n    ports: []\n");
    }

    [Test]
    public void AddItem_FlowSequence_RewritesThatSequenceInBlockStyle()
    {
        const string text = "services:\n  a:\n    image: x\n    ports: [\"80:80\"]  # web\n    restart: always\n";

        var edited = ComposeTextEditor.Apply(text, [new ComposeEdit.AddItem(P("services", "a", "ports"), new ComposeScalar("443:443"))]);

        edited.Should().Be("services:\n  a:\n    image: x\n    ports:\n      - \"80:80\"\n      - \"443:443\"\n    restart: always\n");
    }

    [Test]
    public void SetEntry_InsideAlias_Refused()
    {
        const string text = "x-env: &env\n  A: b\nservices:\n  a:\n    image: x\n    environment: *env\n";

        var act = () => ComposeTextEditor.Apply(text, [new ComposeEdit.SetEntry(P("services", "a", "environment"), "C", new ComposeScalar("d"))]);

        act.Should().Throw<ComposeEditException>().WithMessage("*alias*");
    }

    [Test]
    public void SetEntry_AnchoredNodeSharedElsewhere_RefusedByTheReparseCheck()
    {
        const string text = "services:\n  a:\n    image: x\n    environment: &env\n      A: b\n  b:\n    image: y\n    environment: *env\n";

        var act = () => ComposeTextEditor.Apply(text, [new ComposeEdit.SetEntry(P("services", "a", "environment"), "C", new ComposeScalar("d"))]);

        act.Should().Throw<ComposeEditException>().WithMessage("*more than intended*");
    }

    [Test]
    public void Apply_EditThatChangesNothing_ReturnsSameInstance()
    {
        const string text = "services:\n  a:\n    image: x\n";

        ComposeTextEditor.Apply(text, [new ComposeEdit.SetEntry(P("services", "a"), "image", new ComposeScalar("x"))]).Should().BeSameAs(text);
    }

    [Test]
    public void UnifiedDiff_OneLineAdded_HasHunkHeaderAndContext()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\n", "a\nb\nx\nc\n", "f.yml");

        diff.Should().Be("--- a/f.yml\n+++ b/f.yml\n@@ -1,3 +1,4 @@\n a\n b\n+x\n c\n");
    }
}
