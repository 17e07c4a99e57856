namespace KcmCompose.Compose;

/// <summary>
/// The one place that knows how YAML readers type plain scalars: the YAML 1.2 core schema used by Compose v2
/// (to type what the loader reads) and the YAML 1.1 rules of older readers such as docker-compose v1
/// (so the emitter quotes anything either could misread).
/// </summary>
internal static class YamlScalars
{
    /// <summary>How a YAML 1.2 core-schema reader types the plain scalar <paramref name="text"/>.</summary>
    public static ScalarType ResolvePlain(string text)
    {
        switch (text.Length)
        {
            case 0:
                return ScalarType.Null;
            case 1 when text[0] == '~':
                return ScalarType.Null;
        }

        switch (text)
        {
            case "null" or "Null" or "NULL":
                return ScalarType.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return ScalarType.Boolean;
            case ".nan" or ".NaN" or ".NAN":
                return ScalarType.Float;
        }

        var first = text[0];
        if (!char.IsAsciiDigit(first) && first is not ('-' or '+' or '.'))
        {
            return ScalarType.String;
        }

        if (IsCoreInteger(text))
        {
            return ScalarType.Integer;
        }

        return IsCoreFloat(text) ? ScalarType.Float : ScalarType.String;
    }

    private static bool IsCoreInteger(string text)
    {
        if (text.Length > 2 && text[0] == '0' && text[1] == 'o')
        {
            return AllOf(text.AsSpan(2), static c => c is >= '0' and <= '7');
        }

        if (text.Length > 2 && text[0] == '0' && text[1] == 'x')
        {
            return AllOf(text.AsSpan(2), char.IsAsciiHexDigit);
        }

        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && AllOf(digits, char.IsAsciiDigit);
    }

    private static bool IsCoreFloat(string text)
    {
        var s = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        if (s is ".inf" or ".Inf" or ".INF")
        {
            return true;
        }

        // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        var intDigits = CountDigits(s, ref i);
        var fracDigits = 0;
        var hasDot = false;
        if (i < s.Length && s[i] == '.')
        {
            hasDot = true;
            i++;
            fracDigits = CountDigits(s, ref i);
        }

        if (intDigits == 0 && (!hasDot || fracDigits == 0))
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(ReadOnlySpan<char> s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool AllOf(ReadOnlySpan<char> s, Func<char, bool> predicate)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> can be written unquoted and still be read back as that exact string by
    /// YAML 1.1 and 1.2 readers, as a key or a block value. Deliberately conservative: when in doubt, quote.
    /// </summary>
    public static bool IsSafePlainString(string text)
    {
        if (text.Length == 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var first = text[0];
        if (first is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>'
            or '\'' or '"' or '%' or '@' or '`' or '~' or '=' or '<')
        {
            return false;
        }

        // A leading '.' may start .5, .inf or .nan; a relative path ("./x", "../x") cannot be read as anything but a string.
        if (first == '.' && !text.StartsWith("./", StringComparison.Ordinal) && !text.StartsWith("../", StringComparison.Ordinal))
        {
            return false;
        }

        // Anything that starts like a number (after a sign) may be an int, float, sexagesimal (80:80), octal,
        // hex or date to some reader.
        if (first == '+' || char.IsAsciiDigit(first))
        {
            return false;
        }

        if (text[^1] == ':')
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // Only the ASCII space may appear unquoted: some readers treat other Unicode spaces as separators.
            if (NeedsEscape(c, text, i) || (c != ' ' && char.IsWhiteSpace(c)))
            {
                return false;
            }

            if (c == ':' && i + 1 < text.Length && text[i + 1] == ' ')
            {
                return false;
            }

            // After a space, an indicator may start a token for some scanners (YamlDotNet reads "a *b: c" as an alias).
            if (c == ' ' && IsIndicator(text[i + 1]))
            {
                return false;
            }
        }

        return !IsYaml11Keyword(text);
    }

    private static bool IsIndicator(char c) =>
        c is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"'
            or '%' or '@' or '`';

    /// <summary>The YAML 1.1 booleans and nulls, in any case: y, n, yes, no, on, off, true, false, null.</summary>
    private static bool IsYaml11Keyword(string text) =>
        text.Length <= 5 && text.ToUpperInvariant() is "Y" or "N" or "YES" or "NO" or "ON" or "OFF" or "TRUE" or "FALSE" or "NULL";

    /// <summary>
    /// Whether the character at <paramref name="i"/> cannot appear raw in a YAML stream (or would be read as a
    /// line break by some reader) and must be written as an escape inside double quotes.
    /// </summary>
    public static bool NeedsEscape(char c, string text, int i)
    {
        if (c < ' ')
        {
            return c != '\t' && c != '\n';
        }

        if (c < 0x7F)
        {
            return false;
        }

        if (c <= 0x9F || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        if (char.IsLowSurrogate(c))
        {
            return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        }

        return false;
    }
}
