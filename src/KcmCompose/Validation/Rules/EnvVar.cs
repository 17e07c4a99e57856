using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// One environment variable of a service: where it is written and what Compose passes to the container.
/// </summary>
/// <param name="Name">The variable name.</param>
/// <param name="Key">The key (mapping form), the list item (list form) or the env_file entry that sets it.</param>
/// <param name="Raw">The scalar holding the raw value as written, or <see langword="null"/> (no value, or from an env file).</param>
/// <param name="RawOffset">Where the value starts inside <paramref name="Raw"/> (after <c>NAME=</c> in list form).</param>
/// <param name="Value">The value after interpolation; <see langword="null"/> when passed through from the shell.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.environment.SSL_VERIFY_DEPTH</c>.</param>
internal sealed record EnvVar(string Name, ComposeScalar Key, ComposeScalar? Raw, int RawOffset, string? Value, string Path)
{
    /// <summary>The raw value text as written (still with <c>$$</c> and <c>${VAR}</c>), or <see langword="null"/>.</summary>
    public string? RawValue => Raw?.Value.Substring(Math.Min(RawOffset, Raw.Value.Length));

    /// <summary>Where the value is (or the key, when there is no value).</summary>
    public SourceLocation? ValueLocation(ValidationContext context) =>
        Raw is null ? Key.Location
        : RawOffset == 0 || Raw.Value.Length <= RawOffset ? Raw.Location
        : context.Locate(Raw, RawOffset, Raw.Value.Length - RawOffset);
}
