namespace KcmCompose.Compose;

/// <summary>One service <c>secrets</c> or <c>configs</c> entry, short (the name) or long syntax.</summary>
/// <param name="Source">The top-level secret or config name.</param>
/// <param name="Target">The long-syntax <c>target</c>, or <see langword="null"/> for the default.</param>
/// <param name="Location">Where the entry is.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.secrets[0]</c>.</param>
internal sealed record ServiceFileReference(string Source, string? Target, SourceLocation? Location, string Path)
{
    /// <summary>The long-syntax <c>uid</c>, as written.</summary>
    public string? Uid { get; init; }

    /// <summary>The long-syntax <c>gid</c>, as written.</summary>
    public string? Gid { get; init; }

    /// <summary>The long-syntax <c>mode</c>, as written (often octal, such as <c>0440</c>).</summary>
    public string? Mode { get; init; }
}
