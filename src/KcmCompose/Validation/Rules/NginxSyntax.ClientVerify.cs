using System.Globalization;

namespace KcmCompose.Validation.Rules;

internal static partial class NginxSyntax
{
    /// <summary>The results of <c>$ssl_client_verify</c> other than SUCCESS that a check refuses.</summary>
    [Flags]
    private enum Refused
    {
        None = 0,
        NoCertificate = 1,
        Failed = 2,
        All = NoCertificate | Failed,
    }

    private static readonly string[] _successPatterns = ["SUCCESS", "^SUCCESS", "SUCCESS$", "^SUCCESS$"];
    private static readonly string[] _nonePatterns = ["NONE", "^NONE", "NONE$", "^NONE$"];
    private static readonly string[] _failedPatterns = ["FAILED", "^FAILED", "FAILED:", "^FAILED:"];

    /// <summary>
    /// Whether <paramref name="text"/> (nginx text, as the container receives it) refuses every request whose client
    /// certificate did not verify: inside the location, before any <c>break</c> or <c>rewrite</c>, an <c>if</c> tests
    /// <c>$ssl_client_verify</c> (<c>!= SUCCESS</c>, <c>!~ ^SUCCESS$</c>, or <c>= NONE</c> together with <c>~ ^FAILED</c>)
    /// and its first rewrite directive is <c>return</c> with a 4xx code; every nested location does the same. A mention in
    /// a comment or a string does not count, nor does text nginx would refuse.
    /// </summary>
    public static bool EnforcesClientVerify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var analysis = Analyze(text);
        return analysis.StaysInside && Enforces(analysis.Directives);
    }

    private static bool Enforces(IReadOnlyList<Directive> directives)
    {
        var refused = Refused.None;
        foreach (var directive in directives)
        {
            if (directive.Name is "break" or "rewrite")
            {
                break;
            }

            if (directive is { Name: "if", Block: { } block })
            {
                var first = block.FirstOrDefault(d => d.Name is "return" or "break" or "rewrite");
                if (first is not null && IsRefusal(first))
                {
                    refused |= Tested(directive.Words);
                }
                else if (first is not null && first.Name != "return")
                {
                    break;
                }
            }
        }

        return refused == Refused.All && directives.Where(d => d.Name == "location").All(d => d.Block is { } inner && Enforces(inner));
    }

    private static bool IsRefusal(Directive directive) =>
        directive is { Name: "return", Block: null, Words.Count: 2 or 3 }
        && directive.Words[1].Value.All(char.IsAsciiDigit)
        && int.TryParse(directive.Words[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
        && code is >= 400 and <= 499;

    /// <summary>Which failed results an <c>if</c> condition on <c>$ssl_client_verify</c> matches, read as nginx's rewrite module reads it.</summary>
    private static Refused Tested(IReadOnlyList<Word> words)
    {
        if (ConditionTerms(words) is not [var variable, var op, var value] || variable != "$ssl_client_verify")
        {
            return Refused.None;
        }

        return op switch
        {
            "!=" when value == "SUCCESS" => Refused.All,
            "!~" when _successPatterns.Contains(value, StringComparer.Ordinal) => Refused.All,
            "!~*" when _successPatterns.Contains(value, StringComparer.OrdinalIgnoreCase) => Refused.All,
            "=" when value == "NONE" => Refused.NoCertificate,
            "~" when _nonePatterns.Contains(value, StringComparer.Ordinal) => Refused.NoCertificate,
            "~*" when _nonePatterns.Contains(value, StringComparer.OrdinalIgnoreCase) => Refused.NoCertificate,
            "~" when _failedPatterns.Contains(value, StringComparer.Ordinal) => Refused.Failed,
            "~*" when _failedPatterns.Contains(value, StringComparer.OrdinalIgnoreCase) => Refused.Failed,
            _ => Refused.None,
        };
    }

    /// <summary>The terms of an <c>if</c> condition: the first word must start with <c>(</c> and the last end with <c>)</c>; a lone parenthesis is no term.</summary>
    internal static List<string>? ConditionTerms(IReadOnlyList<Word> words)
    {
        if (words.Count < 2)
        {
            return null;
        }

        var terms = words.Skip(1).Select(w => w.Value).ToList();
        if (terms[0].Length < 1 || terms[0][0] != '(')
        {
            return null;
        }

        if (terms[0].Length == 1)
        {
            terms.RemoveAt(0);
        }
        else
        {
            terms[0] = terms[0][1..];
        }

        if (terms.Count == 0 || terms[^1].Length < 1 || terms[^1][^1] != ')')
        {
            return null;
        }

        if (terms[^1].Length == 1)
        {
            terms.RemoveAt(terms.Count - 1);
        }
        else
        {
            terms[^1] = terms[^1][..^1];
        }

        return terms;
    }
}
