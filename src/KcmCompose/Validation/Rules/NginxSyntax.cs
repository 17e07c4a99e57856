namespace KcmCompose.Validation.Rules;

/// <summary>
/// Finds the first unbalanced brace or unterminated quote in an nginx configuration snippet written as raw compose
/// text (so <c>$$</c> is one dollar and <c>${VAR}</c> a compose placeholder, neither a block). Like nginx, quotes
/// and <c>#</c> are special only where a token starts.
/// </summary>
internal static class NginxSyntax
{
    internal enum ProblemKind
    {
        UnexpectedClose,
        UnclosedBlock,
        UnclosedQuote,
    }

    internal readonly record struct Problem(ProblemKind Kind, int Offset, char Character);

    public static Problem? FindUnbalanced(string raw)
    {
        var open = new Stack<int>();
        var tokenStart = true;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var wasTokenStart = tokenStart;
            tokenStart = char.IsWhiteSpace(c) || c is ';' or '{' or '}';
            switch (c)
            {
                case '$':
                    i = SkipDollar(raw, i);
                    break;
                case '#' when wasTokenStart:
                    while (i + 1 < raw.Length && raw[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '"' or '\'' when wasTokenStart:
                    var close = FindQuoteEnd(raw, i);
                    if (close < 0)
                    {
                        return new Problem(ProblemKind.UnclosedQuote, i, c);
                    }

                    i = close;
                    break;
                case '{':
                    open.Push(i);
                    break;
                case '}':
                    if (open.Count == 0)
                    {
                        return new Problem(ProblemKind.UnexpectedClose, i, c);
                    }

                    open.Pop();
                    break;
            }
        }

        return open.Count > 0 ? new Problem(ProblemKind.UnclosedBlock, open.Peek(), '{') : null;
    }

    /// <summary>Skips a compose placeholder, or an escaped dollar and the nginx variable after it (<c>$${host}</c>).</summary>
    private static int SkipDollar(string raw, int i)
    {
        if (i + 1 >= raw.Length)
        {
            return i;
        }

        var start = raw[i + 1] == '$' ? i + 2 : i + 1;
        if (start < raw.Length && raw[start] == '{')
        {
            var end = raw.IndexOf('}', start);
            return end < 0 ? i : end;
        }

        return start - 1;
    }

    private static int FindQuoteEnd(string raw, int open)
    {
        for (var j = open + 1; j < raw.Length; j++)
        {
            if (raw[j] == '\\')
            {
                j++;
            }
            else if (raw[j] == raw[open])
            {
                return j;
            }
        }

        return -1;
    }
}
