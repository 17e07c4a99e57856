using System.Text;
using KcmCompose.Compose;

using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// Reports what <see cref="NginxSyntax"/> finds in ADDITIONAL_NGINX_CONFIG: the value after Compose interpolation is
/// what nginx reads (so <c>$$</c> is one <c>$</c> and <c>${VAR}</c> is the variable's value), and each problem is
/// placed where its character is written in the compose file (at the placeholder, for a character a variable brought).
/// </summary>
internal static class NginxConfigCheck
{
    public static void Check(ValidationContext context, ICollection<Diagnostic> sink, KcmVariable variable)
    {
        if (variable.Value is not { } text)
        {
            return;
        }

        var analysis = NginxSyntax.Analyze(text);
        if (analysis.StaysInside)
        {
            return;
        }

        var map = variable.RawValue is { } raw ? MapToRaw(raw, text, context.Variables) : null;
        foreach (var problem in analysis.Problems)
        {
            var location = map is null || variable.Raw is null
                ? context.ValueLocation(variable)
                : context.Locate(variable.Raw, variable.RawOffset + map[problem.Offset], 1);
            var (what, fix) = Describe(problem);
            var descriptor = NginxSyntax.IsSyntax(problem.Kind) ? DiagnosticCatalog.NginxConfigUnbalanced : DiagnosticCatalog.NginxConfigEscapesLocation;
            sink.Add(context.At(descriptor, location, variable.Path, text, what, fix));
        }
    }

    private static (string What, string Fix) Describe(NginxSyntax.Problem problem)
    {
        var c = problem.Character;
        return problem.Kind switch
        {
            NginxSyntax.ProblemKind.UnexpectedClose => ("a '}' that closes no block", "Remove this '}' or add the '{' that opens its block."),
            NginxSyntax.ProblemKind.UnclosedBlock => ("a '{' that is never closed", "Add the '}' that closes this block."),
            NginxSyntax.ProblemKind.UnclosedQuote => ($"a {c} quote that is never closed", $"Add the closing {c}, or escape it as \\{c}."),
            NginxSyntax.ProblemKind.UnexpectedAfterQuote => ($"'{c}' right after a closing quote", "Put a space after the closing quote, or move the character inside the quotes."),
            NginxSyntax.ProblemKind.MisplacedPunctuation => ($"a '{c}' where a directive name should be", $"Remove this '{c}' or write the directive before it."),
            NginxSyntax.ProblemKind.CloseInsideDirective => ("a '}' inside a directive that is not ended by ';'", "End the directive with ';' before the '}'."),
            NginxSyntax.ProblemKind.Unterminated => ("a last directive that is not ended by ';' (or a '\\' that escapes the line break after it)", "End the directive with ';'."),
            NginxSyntax.ProblemKind.TooLong => ("a word or comment of 4096 bytes or more, longer than nginx reads", "Shorten it, or split it into several directives."),
            NginxSyntax.ProblemKind.BlockInsideTypes => ("a '{' inside a types block, which holds only 'type extension;' lines", "Remove the block from the types block."),
            NginxSyntax.ProblemKind.ClosesLocation => (
                "has a '}' that closes the proxied location, so what follows configures the server (or a new server) instead",
                "Remove this '}' and keep to directives for the location; nginx's own server settings come from the image's variables (SSL_VERIFY_CLIENT...)."),
            NginxSyntax.ProblemKind.ForbiddenDirective => (
                $"has '{problem.Name}', a directive of the {NginxSyntax.LevelOf(problem.Name!)} level that nginx does not allow in a location",
                $"Remove '{problem.Name}'; the server and its TLS settings come from the image's variables (SSL_HOSTNAME, SSL_VERIFY_CLIENT, CLIENT_CERTIFICATE_FILE...)."),
            _ => (
                $"includes '{problem.Name}', whose content the validator cannot check",
                "Write the directives of that file into ADDITIONAL_NGINX_CONFIG itself."),
        };
    }

    /// <summary>
    /// For each character of the interpolated <paramref name="value"/>, its offset in <paramref name="raw"/>: a <c>$</c> from
    /// <c>$$</c> maps to the first dollar, a variable's characters to its placeholder. Null when the two cannot be lined up.
    /// </summary>
    internal static int[]? MapToRaw(string raw, string value, IReadOnlyDictionary<string, string> variables)
    {
        var map = new int[value.Length + 1];
        var built = new StringBuilder(value.Length);
        var placeholders = Placeholder.Scan(raw).ToDictionary(p => p.Offset);
        for (var i = 0; i < raw.Length;)
        {
            if (placeholders.TryGetValue(i, out var placeholder))
            {
                if (!ComposeTemplate.TrySubstitute(raw.Substring(i, placeholder.Length), name => variables.GetValueOrDefault(name), null, out var substituted, out _))
                {
                    return null;
                }

                Append(substituted.AsSpan(), i);
                i += placeholder.Length;
            }
            else
            {
                Append(raw.AsSpan(i, 1), i);
                i += raw[i] == '$' && i + 1 < raw.Length && raw[i + 1] == '$' ? 2 : 1;
            }

            if (built.Length > value.Length)
            {
                return null;
            }
        }

        map[value.Length] = raw.Length;
        return built.ToString() == value ? map : null;

        void Append(ReadOnlySpan<char> text, int rawOffset)
        {
            for (var k = 0; k < text.Length && built.Length + k < value.Length; k++)
            {
                map[built.Length + k] = rawOffset;
            }

            built.Append(text);
        }
    }
}
