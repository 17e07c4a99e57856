using System.Text;

namespace KcmCompose.Compose;

/// <summary>
/// The one scanner for Compose <c>$</c> interpolation, as compose-go's template package defines it: <c>$$</c>,
/// <c>$NAME</c>, <c>${NAME}</c> and <c>${NAME</c> followed by <c>:-</c>, <c>-</c>, <c>:?</c>, <c>?</c>, <c>:+</c> or <c>+</c>
/// and an argument that is itself interpolated. A malformed <c>${...}</c> is an error; a <c>$</c> that starts no
/// expression (<c>$1</c>, <c>$ </c>, a final <c>$</c>) stays as it is, as Docker Compose v2 keeps it. Used for compose values and .env files.
/// </summary>
internal static class ComposeTemplate
{
    /// <summary>Why a text could not be interpolated.</summary>
    /// <param name="Code">A <see cref="ComposeProblemCodes"/> value.</param>
    /// <param name="Message">One sentence.</param>
    /// <param name="Fix">One sentence.</param>
    /// <param name="Variable">The variable concerned, if any.</param>
    internal sealed record Failure(string Code, string Message, string Fix, string? Variable = null);

    private const string _dollarFix = "Write $$ for a literal dollar sign, or ${NAME} / ${NAME:-default} for a variable.";

    /// <summary>Interpolates <paramref name="text"/>; <paramref name="lookup"/> returns <see langword="null"/> for an unset variable.</summary>
    /// <param name="text">The compose text.</param>
    /// <param name="lookup">Resolves a variable.</param>
    /// <param name="unset">Receives names used as <c>$V</c>/<c>${V}</c> that were not set (with repeats); may be null.</param>
    /// <param name="result">The interpolated text, or <paramref name="text"/> on failure.</param>
    /// <param name="failure">Why it failed.</param>
    public static bool TrySubstitute(string text, Func<string, string?> lookup, List<string>? unset, out string result, out Failure? failure)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            result = text;
            failure = null;
            return true;
        }

        var output = new StringBuilder(text.Length);
        failure = Substitute(text, text, lookup, unset, output);
        result = failure is null ? output.ToString() : text;
        return failure is null;
    }

    /// <summary>Whether <paramref name="text"/> holds any <c>$</c> expression other than <c>$$</c>.</summary>
    public static bool HasVariables(string text)
    {
        for (var i = text.IndexOf('$', StringComparison.Ordinal); i >= 0 && i < text.Length; i = text.IndexOf('$', i))
        {
            if (i + 1 < text.Length && text[i + 1] == '$')
            {
                i += 2;
                continue;
            }

            return true;
        }

        return false;
    }

    private static Failure? Substitute(string whole, string text, Func<string, string?> lookup, List<string>? unset, StringBuilder output)
    {
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0)
            {
                output.Append(text, i, text.Length - i);
                break;
            }

            output.Append(text, i, dollar - i);
            if (dollar + 1 >= text.Length)
            {
                // Compose v2 keeps a '$' that starts no expression as it is.
                output.Append('$');
                break;
            }

            var next = text[dollar + 1];
            if (next == '$')
            {
                output.Append('$');
                i = dollar + 2;
            }
            else if (IsNameStart(next))
            {
                var end = NameEnd(text, dollar + 1);
                var name = text[(dollar + 1)..end];
                Append(output, name, lookup(name), unset);
                i = end;
            }
            else if (next == '{')
            {
                var close = ClosingBrace(text, dollar);
                if (close < 0)
                {
                    return new Failure(
                        ComposeProblemCodes.InterpolationError,
                        $"Invalid interpolation in '{whole}': '${{' at position {dollar + 1} is never closed by '}}'.",
                        _dollarFix);
                }

                var failure = Braced(whole, text.AsSpan(dollar + 2, close - dollar - 2), lookup, unset, output);
                if (failure is not null)
                {
                    return failure;
                }

                i = close + 1;
            }
            else
            {
                output.Append('$');
                i = dollar + 1;
            }
        }

        return null;
    }

    private static Failure? Braced(string whole, ReadOnlySpan<char> content, Func<string, string?> lookup, List<string>? unset, StringBuilder output)
    {
        var nameLength = content.Length > 0 && IsNameStart(content[0]) ? NameEnd(content, 0) : 0;
        if (nameLength == 0)
        {
            return new Failure(
                ComposeProblemCodes.InterpolationError,
                $"Invalid interpolation in '{whole}': '${{{content}}}' does not start with a variable name.",
                _dollarFix);
        }

        var name = content[..nameLength].ToString();
        var rest = content[nameLength..];
        if (rest.IsEmpty)
        {
            Append(output, name, lookup(name), unset);
            return null;
        }

        var colon = rest[0] == ':';
        var operatorIndex = colon ? 1 : 0;
        if (operatorIndex >= rest.Length || rest[operatorIndex] is not ('-' or '?' or '+'))
        {
            return new Failure(
                ComposeProblemCodes.InterpolationError,
                $"Invalid interpolation in '{whole}': '${{{content}}}' is not a form Compose knows.",
                "Use ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, ${NAME:+value} or ${NAME+value}; write $$ for a literal dollar sign.");
        }

        var op = rest[operatorIndex];
        var argumentOutput = new StringBuilder();
        var argumentFailure = Substitute(whole, rest[(operatorIndex + 1)..].ToString(), lookup, unset, argumentOutput);
        if (argumentFailure is not null)
        {
            return argumentFailure;
        }

        var argument = argumentOutput.ToString();
        var value = lookup(name);
        var isSet = value is not null;
        var hasValue = isSet && (!colon || value!.Length > 0);
        switch (op)
        {
            case '-':
                output.Append(hasValue ? value : argument);
                return null;
            case '+':
                output.Append(hasValue ? argument : value);
                return null;
            default:
                if (hasValue)
                {
                    output.Append(value);
                    return null;
                }

                return new Failure(
                    ComposeProblemCodes.RequiredVariable,
                    $"Required variable {name} is {(isSet ? "empty" : "not set")}: {argument}",
                    $"Set {name} in the environment or the .env file.",
                    name);
        }
    }

    private static void Append(StringBuilder output, string name, string? value, List<string>? unset)
    {
        if (value is null)
        {
            unset?.Add(name);
            return;
        }

        output.Append(value);
    }

    /// <summary>The index of the '}' closing the '${' at <paramref name="dollar"/>, counting nested '${', or -1.</summary>
    private static int ClosingBrace(string text, int dollar)
    {
        var open = 0;
        for (var i = dollar; i < text.Length; i++)
        {
            if (text[i] == '}')
            {
                if (--open == 0)
                {
                    return i;
                }
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                open++;
                i++;
            }
        }

        return -1;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static int NameEnd(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i;
    }
}
