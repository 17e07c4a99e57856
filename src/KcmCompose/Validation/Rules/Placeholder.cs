namespace KcmCompose.Validation.Rules;

/// <summary>
/// One <c>$name</c> or <c>${name...}</c> that Compose interpolates in a raw value (<c>$$</c> is an escaped dollar).
/// </summary>
/// <param name="Offset">Where the <c>$</c> is in the raw value.</param>
/// <param name="Length">The length of the whole placeholder.</param>
/// <param name="Name">The variable name.</param>
/// <param name="Braced">Whether it is written <c>${...}</c>.</param>
/// <param name="HasModifier">Whether it has a default or error modifier (<c>:-</c>, <c>-</c>, <c>:?</c>, <c>?</c>, <c>:+</c>, <c>+</c>).</param>
internal readonly record struct Placeholder(int Offset, int Length, string Name, bool Braced, bool HasModifier)
{
    /// <summary>Every placeholder in <paramref name="raw"/>, in order.</summary>
    public static IEnumerable<Placeholder> Scan(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '$' || i + 1 >= raw.Length)
            {
                continue;
            }

            var next = raw[i + 1];
            if (next == '$')
            {
                i++;
                continue;
            }

            if (next == '{')
            {
                var end = raw.IndexOf('}', i + 2);
                if (end < 0)
                {
                    yield break;
                }

                var inner = raw.AsSpan(i + 2, end - i - 2);
                var nameLength = NameLength(inner);
                yield return new Placeholder(i, end - i + 1, inner[..nameLength].ToString(), true, nameLength < inner.Length);
                i = end;
            }
            else if (IsNameStart(next))
            {
                var nameLength = NameLength(raw.AsSpan(i + 1));
                yield return new Placeholder(i, nameLength + 1, raw.Substring(i + 1, nameLength), false, false);
                i += nameLength;
            }
        }
    }

    private static int NameLength(ReadOnlySpan<char> text)
    {
        var n = 0;
        while (n < text.Length && (IsNameStart(text[n]) || (n > 0 && char.IsAsciiDigit(text[n]))))
        {
            n++;
        }

        return n;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';
}
