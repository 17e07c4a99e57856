namespace KcmCompose.Compose;

/// <summary>Helpers for writing compose text that goes through <c>$</c> interpolation.</summary>
public static class ComposeText
{
    /// <summary>The compose text that interpolates to exactly <paramref name="literal"/>: every <c>$</c> doubled.</summary>
    public static string Escape(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return literal.Replace("$", "$$", StringComparison.Ordinal);
    }

    /// <summary>
    /// A reference to variable <paramref name="name"/>: <c>${NAME}</c>, or <c>${NAME:-default}</c> when a default is
    /// given (used when the variable is unset or empty).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*).</exception>
    public static string Placeholder(string name, string? defaultValue = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsVariableName(name))
        {
            throw new ArgumentException($"'{name}' is not a variable name: use letters, digits and '_', not starting with a digit.", nameof(name));
        }

        return defaultValue is null ? $"${{{name}}}" : $"${{{name}:-{defaultValue}}}";
    }

    /// <summary>Whether <paramref name="name"/> is a name Compose interpolates: [A-Za-z_][A-Za-z0-9_]*.</summary>
    internal static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
