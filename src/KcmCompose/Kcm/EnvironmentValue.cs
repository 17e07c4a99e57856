using System.Text;
using System.Text.RegularExpressions;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// The value of an environment variable: a literal (what the container sees) or, deliberately,
/// compose text with <c>${...}</c> placeholders that Compose fills in from the environment or <c>.env</c>.
/// </summary>
public sealed partial record EnvironmentValue
{
    private EnvironmentValue(EnvironmentValueKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    /// <summary>Literal or interpolated.</summary>
    public EnvironmentValueKind Kind { get; }

    /// <summary>The literal value, or the compose text of an interpolated one.</summary>
    public string Text { get; }

    /// <summary>A value the container sees exactly as given.</summary>
    public static EnvironmentValue Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(EnvironmentValueKind.Literal, value);
    }

    /// <summary>
    /// <c>${variable}</c>, or <c>${variable:-defaultValue}</c> when a default is given (used when the variable is unset or empty).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a variable name, or the default contains <c>$</c>, <c>}</c> or a line break.</exception>
    public static EnvironmentValue Placeholder(string variable, string? defaultValue = null)
    {
        if (!VariableName().IsMatch(variable ?? string.Empty))
        {
            throw new ArgumentException($"'{variable}' is not a variable name (letters, digits and '_', not starting with a digit).", nameof(variable));
        }

        if (defaultValue is not null && defaultValue.IndexOfAny(['$', '}', '\n', '\r']) >= 0)
        {
            throw new ArgumentException("A placeholder default must not contain '$', '}' or line breaks.", nameof(defaultValue));
        }

        return new(EnvironmentValueKind.Interpolated, defaultValue is null ? $"${{{variable}}}" : $"${{{variable}:-{defaultValue}}}");
    }

    /// <summary>
    /// <c>${variable:?message}</c>: Compose's required-variable form, so a missing or empty variable (no <c>.env</c>)
    /// stops <c>docker compose</c> with <paramref name="message"/> instead of starting with an empty value.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a variable name, or the message contains <c>$</c>, <c>}</c> or a line break.</exception>
    public static EnvironmentValue Required(string variable, string message)
    {
        if (!VariableName().IsMatch(variable ?? string.Empty))
        {
            throw new ArgumentException($"'{variable}' is not a variable name (letters, digits and '_', not starting with a digit).", nameof(variable));
        }

        if (string.IsNullOrWhiteSpace(message) || message.IndexOfAny(['$', '}', '\n', '\r']) >= 0)
        {
            throw new ArgumentException("A required-variable message must be text without '$', '}' or line breaks.", nameof(message));
        }

        return new(EnvironmentValueKind.Interpolated, $"${{{variable}:?{message}}}");
    }

    /// <summary>
    /// The variable this value requires when it is exactly Compose's required-variable form <c>${NAME:?message}</c>
    /// (or <c>${NAME?message}</c>), else <see langword="null"/>.
    /// </summary>
    public string? RequiredVariable => Kind == EnvironmentValueKind.Interpolated && RequiredForm().Match(Text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Compose text written verbatim (it may mix <c>$$</c>, <c>${VAR}</c> and plain text).</summary>
    public static EnvironmentValue Interpolated(string composeText)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        return new(EnvironmentValueKind.Interpolated, composeText);
    }

    /// <summary>
    /// The value for compose text read from a file: a literal when it holds no interpolation (its <c>$$</c> become <c>$</c>),
    /// else the text as an interpolated value.
    /// </summary>
    public static EnvironmentValue FromComposeText(string composeText)
    {
        return ComposeText.TryUnescape(composeText, out var literal) ? Literal(literal) : Interpolated(composeText);
    }

    /// <summary>The text to put in the compose file.</summary>
    public string ToComposeText() =>
        Kind == EnvironmentValueKind.Literal ? ComposeText.Escape(Text) : Text;

    /// <inheritdoc />
    public override string ToString() => Kind == EnvironmentValueKind.Literal ? Text : $"(interpolated) {Text}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?[^$}\\r\\n]*\\}$")]
    private static partial Regex RequiredForm();
}
