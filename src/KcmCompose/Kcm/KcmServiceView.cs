using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// One service as every command sees it: its KCM role (by image, whatever the registry, tag or digest), the
/// mapping as written and after interpolation, and the environment Compose gives the container.
/// </summary>
/// <param name="Name">The service name.</param>
/// <param name="Key">The service's key in the file.</param>
/// <param name="Raw">The mapping as written.</param>
/// <param name="Resolved">The mapping after interpolation (the same as <paramref name="Raw"/> when not interpolated).</param>
/// <param name="Role">The KCM service it runs, or <see langword="null"/>.</param>
/// <param name="Environment">env_file entries, overridden by <c>environment</c>, keyed by name.</param>
internal sealed record KcmServiceView(
    string Name,
    ComposeScalar Key,
    ComposeMapping Raw,
    ComposeMapping Resolved,
    KcmServiceRole? Role,
    IReadOnlyDictionary<string, KcmVariable> Environment)
{
    /// <summary>The compose path, <c>services.NAME</c>.</summary>
    public string Path => "services." + Name;

    /// <summary>The resolved <c>image</c>.</summary>
    public string? Image => Resolved["image"] is ComposeScalar { Type: not ScalarType.Null } image ? image.Value : null;

    /// <summary>The resolved scalar text under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? Text(string key) => Resolved[key] is ComposeScalar { Type: not ScalarType.Null } s ? s.Value : null;

    /// <summary>The variable <paramref name="name"/> when it is set to a non-blank value.</summary>
    public KcmVariable? Setting(string name) =>
        Environment.TryGetValue(name, out var variable) && variable.Setting is not null ? variable : null;
}
