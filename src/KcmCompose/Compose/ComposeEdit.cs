using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// One node-level change to a compose file, addressed by a path of mapping keys (<see cref="string"/>) and sequence
/// indexes (<see cref="int"/>) from the root, as the file is written (merge keys not expanded).
/// </summary>
internal abstract record ComposeEdit(ImmutableArray<object> Path)
{
    /// <summary>Sets <paramref name="Key"/> in the mapping at <see cref="ComposeEdit.Path"/>: in place when present, else appended.</summary>
    internal sealed record SetEntry(ImmutableArray<object> Path, string Key, ComposeNode Value) : ComposeEdit(Path);

    /// <summary>Appends an item to the sequence at <see cref="ComposeEdit.Path"/>.</summary>
    internal sealed record AddItem(ImmutableArray<object> Path, ComposeNode Item) : ComposeEdit(Path);

    /// <summary>Replaces item <paramref name="Index"/> of the sequence at <see cref="ComposeEdit.Path"/>.</summary>
    internal sealed record ReplaceItem(ImmutableArray<object> Path, int Index, ComposeNode Item) : ComposeEdit(Path);

    /// <summary>Removes <paramref name="Key"/> from the mapping at <see cref="ComposeEdit.Path"/> (nothing when absent).</summary>
    internal sealed record RemoveEntry(ImmutableArray<object> Path, string Key) : ComposeEdit(Path);

    /// <summary>Removes item <paramref name="Index"/> of the sequence at <see cref="ComposeEdit.Path"/>.</summary>
    internal sealed record RemoveItem(ImmutableArray<object> Path, int Index) : ComposeEdit(Path);

    /// <summary>Formats a path as <c>services.ssl.volumes[0]</c>.</summary>
    internal static string Format(IEnumerable<object> path)
    {
        var text = string.Empty;
        foreach (var step in path)
        {
            text = step is int index ? ComposePath.Index(text, index) : ComposePath.Join(text, (string)step);
        }

        return text.Length == 0 ? "(root)" : text;
    }
}
