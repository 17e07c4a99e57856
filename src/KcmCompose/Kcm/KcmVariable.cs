using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// One environment variable of a service as Compose passes it to the container: where it is written and its value.
/// </summary>
/// <param name="Name">The variable name.</param>
/// <param name="Key">The key (mapping form), the list item (list form) or the <c>env_file</c> entry that sets it.</param>
/// <param name="Raw">The scalar holding the value as written, or <see langword="null"/> (no value, or from an env file).</param>
/// <param name="RawOffset">Where the value starts inside <paramref name="Raw"/> (after <c>NAME=</c> in list form).</param>
/// <param name="Value">The value after interpolation; <see langword="null"/> when passed through from the shell.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.environment.SSL_VERIFY_DEPTH</c>.</param>
/// <param name="EnvFile">The env file that sets it, or <see langword="null"/> when <c>environment</c> does.</param>
internal sealed record KcmVariable(string Name, ComposeScalar Key, ComposeScalar? Raw, int RawOffset, string? Value, string Path, string? EnvFile = null)
{
    /// <summary>The value text as written (still with <c>$$</c> and <c>${VAR}</c>), or <see langword="null"/>.</summary>
    public string? RawValue => Raw?.Value.Substring(Math.Min(RawOffset, Raw.Value.Length));

    /// <summary>The value when it is set and not blank, else <see langword="null"/>.</summary>
    public string? Setting => string.IsNullOrWhiteSpace(Value) ? null : Value;
}
