using System.Collections.Immutable;
using CsCheck;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

/// <summary>Random edits on random emitted documents with hostile keys and values: each either lands exactly or is refused.</summary>
public sealed class ComposeTextEditorPropertyTests
{
    [Test]
    public void Apply_RandomEditOnEmittedDocument_ResultMeansExactlyTheEditedModel()
    {
        Gen.Select(ComposeGenerators.Document, ComposeGenerators.Node, ComposeGenerators.HostileString, Gen.Int[0, 1000], Gen.Int[0, 3], Gen.Bool).Sample(
            (document, value, key, pick, kind, crlf) =>
            {
                var text = ComposeEmitter.Emit(document);
                if (crlf)
                {
                    text = text.ReplaceLineEndings("\r\n");
                }

                var root = ComposeDocument.Parse(text).Root;
                var collections = new List<(ImmutableArray<object> Path, ComposeNode Node)>();
                Collect(root, [], collections);
                var (path, node) = collections[pick % collections.Count];
                ComposeEdit edit = (node, kind) switch
                {
                    (ComposeMapping { Entries.IsEmpty: false } m, 1) => new ComposeEdit.RemoveEntry(path, m.Entries[pick % m.Entries.Length].Key.Value),
                    (ComposeMapping m, 2) when !m.Entries.IsEmpty => new ComposeEdit.SetEntry(path, m.Entries[pick % m.Entries.Length].Key.Value, value),
                    (ComposeMapping, _) => new ComposeEdit.SetEntry(path, key, value),
                    (ComposeSequence { Items.IsEmpty: false } s, 1) => new ComposeEdit.RemoveItem(path, pick % s.Items.Length),
                    (ComposeSequence { Items.IsEmpty: false } s, 2) => new ComposeEdit.ReplaceItem(path, pick % s.Items.Length, value),
                    _ => new ComposeEdit.AddItem(path, value),
                };
                var expected = ComposeTextEditor.ApplyToModel(root, edit);

                string edited;
                try
                {
                    edited = ComposeTextEditor.Apply(text, [edit]);
                }
                catch (ComposeEditException e) when (e.Message.Contains("'? key'", StringComparison.Ordinal) || (root.Entries.Length <= 1 && e.Message.Contains("top level", StringComparison.Ordinal)))
                {
                    // Refusals by design: explicit long keys, and a top level that is (or would become) empty.
                    return;
                }

                ComposeTextEditor.SameTree(ComposeDocument.Parse(edited).Root, expected).Should().BeTrue();
                if (crlf)
                {
                    edited.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n");
                }
            },
            iter: 2000);
    }

    private static void Collect(ComposeNode node, ImmutableArray<object> path, List<(ImmutableArray<object>, ComposeNode)> found)
    {
        switch (node)
        {
            case ComposeMapping mapping:
                found.Add((path, mapping));
                foreach (var entry in mapping.Entries)
                {
                    Collect(entry.Value, path.Add(entry.Key.Value), found);
                }

                break;
            case ComposeSequence sequence:
                found.Add((path, sequence));
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    Collect(sequence.Items[i], path.Add(i), found);
                }

                break;
        }
    }
}
