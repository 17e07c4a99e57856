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
    /// The literal that <paramref name="composeText"/> interpolates to when it holds no variable (every <c>$$</c> becomes
    /// <c>$</c>); false when it has a single <c>$</c>, whose value is unknown until Compose runs. The inverse of <see cref="Escape"/>.
    /// </summary>
    internal static bool TryUnescape(string composeText, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? literal)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        var text = new System.Text.StringBuilder(composeText.Length);
        for (var i = 0; i < composeText.Length; i++)
        {
            if (composeText[i] != '$')
            {
                text.Append(composeText[i]);
            }
            else if (i + 1 < composeText.Length && composeText[i + 1] == '$')
            {
                text.Append('$');
                i++;
            }
            else
            {
                literal = null;
                return false;
            }
        }

        literal = text.ToString();
        return true;
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
