namespace KcmCompose.Validation.Rules;

internal static partial class NginxSyntax
{
    /// <summary>What one call of <see cref="Reader.Next"/> read: a directive ended by <c>;</c> or <c>{</c>, a <c>}</c>, the end, or an error.</summary>
    private enum StepKind
    {
        Directive,
        BlockStart,
        BlockEnd,
        End,
        Error,
    }

    private readonly record struct Step(StepKind Kind, List<Word> Words, int Offset, Problem? Error = null);

    /// <summary>
    /// Reads nginx configuration text step by step with the rules of nginx's own reader (<c>ngx_conf_read_token</c> in
    /// src/core/ngx_conf_file.c): whitespace is exactly space, tab, CR and LF; <c>"</c>, <c>'</c> and <c>#</c> are
    /// special only where a word starts; <c>\</c> escapes the next character everywhere; <c>{</c> right after <c>$</c>
    /// (or after <c>${</c>) belongs to the word; inside a word <c>}</c> and quotes are ordinary; after a closing quote
    /// only whitespace, <c>;</c>, <c>{</c> or <c>)</c> may follow; a word or comment of 4096 bytes or more is refused.
    /// The text is taken to be followed by a line break, as where the image writes it.
    /// </summary>
    private sealed class Reader(string text)
    {
        /// <summary>nginx's read buffer (NGX_CONF_BUFFER): a word or comment must fit in less than this many bytes.</summary>
        private const int _buffer = 4096;

        private int position;
        private long bytes;

        public Step Next()
        {
            var words = new List<Word>();
            var lastSpace = true;
            var needSpace = false;
            var escaped = false;
            var doubleQuoted = false;
            var singleQuoted = false;
            var variable = false;
            var comment = false;
            var start = position;
            var wordOffset = position;
            var runStart = bytes;
            while (true)
            {
                if (position >= text.Length)
                {
                    return AtEnd(words, lastSpace, doubleQuoted || singleQuoted, wordOffset, runStart);
                }

                if (bytes - runStart >= _buffer)
                {
                    return Fail(ProblemKind.TooLong, comment ? start : wordOffset, text[comment ? start : wordOffset]);
                }

                var at = position;
                var ch = text[position++];
                bytes += Utf8Length(ch);
                if (ch == '\n')
                {
                    comment = false;
                }

                if (comment)
                {
                    continue;
                }

                if (escaped)
                {
                    escaped = false;
                    continue;
                }

                if (needSpace)
                {
                    if (IsSpace(ch))
                    {
                        lastSpace = true;
                        needSpace = false;
                        continue;
                    }

                    if (ch is ';' or '{')
                    {
                        return new Step(ch == ';' ? StepKind.Directive : StepKind.BlockStart, words, at);
                    }

                    if (ch != ')')
                    {
                        return Fail(ProblemKind.UnexpectedAfterQuote, at, ch);
                    }

                    lastSpace = true;
                    needSpace = false;
                }

                if (lastSpace)
                {
                    start = at;
                    wordOffset = at;
                    runStart = bytes - Utf8Length(ch);
                    if (IsSpace(ch))
                    {
                        continue;
                    }

                    switch (ch)
                    {
                        case ';' or '{':
                            return words.Count == 0
                                ? Fail(ProblemKind.MisplacedPunctuation, at, ch)
                                : new Step(ch == ';' ? StepKind.Directive : StepKind.BlockStart, words, at);
                        case '}':
                            return words.Count != 0 ? Fail(ProblemKind.CloseInsideDirective, at, ch) : new Step(StepKind.BlockEnd, words, at);
                        case '#':
                            comment = true;
                            continue;
                        case '\\':
                            escaped = true;
                            lastSpace = false;
                            continue;
                        case '"' or '\'':
                            start = at + 1;
                            runStart = bytes;
                            doubleQuoted = ch == '"';
                            singleQuoted = ch == '\'';
                            lastSpace = false;
                            continue;
                        case '$':
                            variable = true;
                            lastSpace = false;
                            continue;
                        default:
                            lastSpace = false;
                            continue;
                    }
                }

                if (ch == '{' && variable)
                {
                    continue;
                }

                variable = false;
                if (ch == '\\')
                {
                    escaped = true;
                    continue;
                }

                if (ch == '$')
                {
                    variable = true;
                    continue;
                }

                var found = false;
                if (doubleQuoted || singleQuoted)
                {
                    if (ch == (doubleQuoted ? '"' : '\''))
                    {
                        doubleQuoted = singleQuoted = false;
                        needSpace = true;
                        found = true;
                    }
                }
                else if (IsSpace(ch) || ch is ';' or '{')
                {
                    lastSpace = true;
                    found = true;
                }

                if (found)
                {
                    words.Add(new Word(Unescape(text.AsSpan(start, at - start)), wordOffset));
                    if (ch is ';' or '{')
                    {
                        return new Step(ch == ';' ? StepKind.Directive : StepKind.BlockStart, words, at);
                    }
                }
            }
        }

        /// <summary>The end of the text: the line break that follows it ends a comment, but never a directive or a word.</summary>
        private Step AtEnd(List<Word> words, bool lastSpace, bool inQuote, int wordOffset, long runStart)
        {
            if (inQuote)
            {
                return Fail(ProblemKind.UnclosedQuote, wordOffset, text[wordOffset]);
            }

            if (words.Count > 0 || !lastSpace)
            {
                var first = words.Count > 0 ? words[0].Offset : wordOffset;
                return Fail(ProblemKind.Unterminated, first, text[first]);
            }

            // The line break after the text is read with the comment or space run it ends.
            return bytes - runStart >= _buffer ? Fail(ProblemKind.TooLong, wordOffset, text[wordOffset]) : new Step(StepKind.End, words, position);
        }

        private static Step Fail(ProblemKind kind, int offset, char character) =>
            new(StepKind.Error, [], offset, new Problem(kind, offset, character, null));

        private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

        private static int Utf8Length(char c) => c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;

        /// <summary>nginx keeps a word's characters but turns <c>\"</c>, <c>\'</c>, <c>\\</c> into the character and <c>\t</c>, <c>\r</c>, <c>\n</c> into controls.</summary>
        private static string Unescape(ReadOnlySpan<char> raw)
        {
            if (!raw.Contains('\\'))
            {
                return raw.ToString();
            }

            var result = new System.Text.StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\\' && i + 1 < raw.Length)
                {
                    switch (raw[i + 1])
                    {
                        case '"' or '\'' or '\\':
                            i++;
                            break;
                        case 't':
                            result.Append('\t');
                            i++;
                            continue;
                        case 'r':
                            result.Append('\r');
                            i++;
                            continue;
                        case 'n':
                            result.Append('\n');
                            i++;
                            continue;
                    }
                }

                result.Append(raw[i]);
            }

            return result.ToString();
        }
    }
}
