namespace KcmCompose.Compose;

/// <summary>One <c>env_file</c> entry.</summary>
/// <param name="File">The file as written (relative to the compose file's folder).</param>
/// <param name="Required">Whether a missing file is an error; true unless written <c>required: false</c>.</param>
/// <param name="Location">Where the entry is.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.env_file[0]</c>.</param>
internal sealed record EnvFileReference(string File, bool Required, SourceLocation? Location, string Path)
{
    /// <summary>The long-syntax <c>format</c>, or <see langword="null"/>.</summary>
    public string? Format { get; init; }
}
