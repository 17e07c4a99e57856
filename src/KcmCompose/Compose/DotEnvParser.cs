using System.Text;

namespace KcmCompose.Compose;

/// <summary>
/// Parses a .env file as Compose (compose-go's dotenv package) does: <c>KEY=VALUE</c> or <c>KEY: VALUE</c>, an
/// optional <c>export </c> prefix, <c>#</c> comment lines, single quotes literal, double quotes with backslash
/// escapes then interpolation, unquoted values cut at <c> #</c> and interpolated, a bare <c>KEY</c> copied from the
/// process environment when set. Interpolation sees the process environment first, then earlier keys of the file.
/// </summary>
internal sealed class DotEnvParser
{
    private readonly string _text;
    private readonly string _file;
    private readonly Func<string, string?> _processLookup;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<int> _lineStarts = [0];

    private DotEnvParser(string text, string file, Func<string, string?> processLookup)
    {
        _text = text;
        _file = file;
        _processLookup = processLookup;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>The variables the file defines, in no particular order; keys starting with a digit are dropped as Compose does.</summary>
    public static Dictionary<string, string> Parse(string text, string file, Func<string, string?> processLookup)
    {
        var parser = new DotEnvParser(text, file, processLookup);
        parser.Run();
        foreach (var key in parser._values.Keys.Where(k => k.Length > 0 && char.IsDigit(k[0])).ToList())
        {
            parser._values.Remove(key);
        }

        return parser._values;
    }

    private void Run()
    {
        var pos = 0;
        while (true)
        {
            while (pos < _text.Length && char.IsWhiteSpace(_text[pos]))
            {
                pos++;
            }

            if (pos >= _text.Length)
            {
                return;
            }

            if (_text[pos] == '#')
            {
                var newline = _text.IndexOf('\n', pos);
                if (newline < 0)
                {
                    return;
                }

                pos = newline;
                continue;
            }

            pos = Statement(pos);
        }
    }

    private int Statement(int start)
    {
        var pos = start;
        if (string.CompareOrdinal(_text, pos, "export", 0, 6) == 0 && pos + 6 < _text.Length && char.IsWhiteSpace(_text[pos + 6]))
        {
            pos += 6;
            while (pos < _text.Length && IsSpace(_text[pos]))
            {
                pos++;
            }
        }

        var keyStart = pos;
        var terminator = '\0';
        for (; pos < _text.Length; pos++)
        {
            var c = _text[pos];
            if (IsSpace(c))
            {
                continue;
            }

            if (c is '=' or ':' or '\n')
            {
                terminator = c;
                break;
            }

            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '[' or ']'))
            {
                throw Error(pos, $"Unexpected character '{c}' in variable name '{Line(keyStart)}'.", "Variable names use letters, digits, '_', '.', '-'; write NAME=value.");
            }
        }

        var key = _text[keyStart..pos].TrimEnd();
        if (key.Contains(' ', StringComparison.Ordinal))
        {
            throw Error(keyStart, $"The variable name '{key}' contains a space.", "Write NAME=value with no space inside NAME.");
        }

        if (terminator is '\n' or '\0')
        {
            // A bare KEY takes its value from the process environment, if set there.
            if (_processLookup(key) is { } inherited)
            {
                _values[key] = inherited;
            }

            return pos + 1;
        }

        pos++;
        while (pos < _text.Length && IsSpace(_text[pos]))
        {
            pos++;
        }

        if (pos < _text.Length && _text[pos] is '"' or '\'')
        {
            return Quoted(key, pos);
        }

        var end = _text.IndexOf('\n', pos);
        if (end < 0)
        {
            end = _text.Length;
        }

        var raw = _text[pos..end];
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        if (comment >= 0)
        {
            raw = raw[..comment];
        }

        _values[key] = Interpolate(raw.TrimEnd(), pos);
        return end;
    }

    private int Quoted(string key, int open)
    {
        var quote = _text[open];
        var raw = new StringBuilder();
        var escaped = false;
        for (var i = open + 1; i < _text.Length; i++)
        {
            var c = _text[i];
            if (escaped)
            {
                escaped = false;
                if (c != quote)
                {
                    raw.Append('\\');
                }

                raw.Append(c);
                continue;
            }

            if (c == '\\')
            {
                escaped = true;
            }
            else if (c == quote)
            {
                _values[key] = quote == '"' ? Interpolate(ExpandEscapes(raw.ToString()), open) : raw.ToString();
                return i + 1;
            }
            else
            {
                raw.Append(c);
            }
        }

        throw Error(open, $"The quoted value of {key} is never closed.", $"Add the closing {quote} to the value.");
    }

    /// <summary>Shell-style escapes inside double quotes: \a \b \f \n \r \t \v \\ \" \0ooo, and \$ as a literal dollar.</summary>
    private static string ExpandEscapes(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var output = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                output.Append(c);
                continue;
            }

            var next = value[i + 1];
            string? replacement = next switch
            {
                'a' => "\a",
                'b' => "\b",
                'f' => "\f",
                'n' => "\n",
                'r' => "\r",
                't' => "\t",
                'v' => "\v",
                '\\' => "\\",
                '"' => "\"",
                '$' => "$$",
                _ => null,
            };
            if (replacement is not null)
            {
                output.Append(replacement);
                i++;
            }
            else if (next == '0')
            {
                var digits = 0;
                var code = 0;
                while (digits < 3 && i + 2 + digits < value.Length && value[i + 2 + digits] is >= '0' and <= '7')
                {
                    code = (code * 8) + (value[i + 2 + digits] - '0');
                    digits++;
                }

                output.Append((char)code);
                i += 1 + digits;
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private string Interpolate(string value, int at)
    {
        var lookup = (string name) => _processLookup(name) ?? (_values.TryGetValue(name, out var v) ? v : null);
        if (!ComposeTemplate.TrySubstitute(value, lookup, null, out var result, out var failure))
        {
            throw Error(at, failure!.Message, failure.Fix);
        }

        return result;
    }

    private string Line(int position)
    {
        var end = _text.IndexOf('\n', position);
        return _text[position..(end < 0 ? _text.Length : end)];
    }

    private ComposeLoadException Error(int position, string problem, string fix)
    {
        var index = _lineStarts.BinarySearch(position);
        var line = index >= 0 ? index : ~index - 1;
        return new ComposeLoadException(problem, new SourceLocation(_file, line + 1, position - _lineStarts[line] + 1), fix);
    }

    /// <summary>Spaces that are not line breaks, as the dotenv package counts them.</summary>
    private static bool IsSpace(char c) => c is '\t' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0';
}
