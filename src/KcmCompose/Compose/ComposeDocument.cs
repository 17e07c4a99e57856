using KcmCompose.IO;

namespace KcmCompose.Compose;

/// <summary>
/// A compose file as a tree of <see cref="ComposeNode"/>s with source locations: anchors and aliases expanded,
/// <c>&lt;&lt;</c> merge keys applied, keys in source order, values not yet interpolated.
/// </summary>
/// <param name="Root">The top-level mapping.</param>
/// <param name="File">The path as given, or a label such as <c>&lt;string&gt;</c>.</param>
public sealed record ComposeDocument(ComposeMapping Root, string File = ComposeDocument.StringLabel)
{
    /// <summary>The <see cref="File"/> label of documents parsed from a string.</summary>
    public const string StringLabel = "<string>";

    /// <summary>Parses <paramref name="yaml"/>.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">The label used in locations and messages.</param>
    /// <exception cref="ComposeLoadException">The text is not valid YAML, not a mapping, or too large once aliases are expanded.</exception>
    public static ComposeDocument Parse(string yaml, string file = StringLabel)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        return new ComposeDocument(ComposeYamlReader.Read(yaml, file), file);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>, which must be UTF-8.</summary>
    /// <param name="path">The compose file; locations name it exactly as given.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ComposeLoadException">The file cannot be read, is not a regular file (a FIFO, device or folder), is above 4 MiB, is not UTF-8, not valid YAML, or not a mapping.</exception>
    public static async Task<ComposeDocument> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = await Utf8File.ReadAsync(path, InputFileKind.Compose, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }
}
