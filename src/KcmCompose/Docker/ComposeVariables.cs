using System.Text;

namespace KcmCompose.Docker;

/// <summary>
/// The variables a compose file is interpolated with, and a small interpolator for the values this feature reads
/// (<c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR:?error}</c>, <c>$$</c>).
/// </summary>
internal static class ComposeVariables
{
    /// <summary>The <c>.env</c> file beside the compose file (or <paramref name="envFile"/>) overlaid by the process environment.</summary>
    public static async Task<Dictionary<string, string>> LoadAsync(
        string composeFile, string? envFile, IReadOnlyDictionary<string, string?>? processEnvironment, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = envFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(composeFile)) ?? ".", ".env");
        if (File.Exists(path))
        {
            foreach (var (key, value) in ParseEnvFile(await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false)))
            {
                variables[key] = value;
            }
        }

        if (processEnvironment is null)
        {
            foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
            }
        }
        else
        {
            foreach (var (key, value) in processEnvironment)
            {
                if (value is not null)
                {
                    variables[key] = value;
                }
            }
        }

        return variables;
    }

    /// <summary><c>KEY=VALUE</c> lines; blank lines and <c>#</c> comments skipped, one level of quotes removed.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseEnvFile(IEnumerable<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            yield return new(line[..equals].Trim(), value);
        }
    }

    /// <summary>Interpolates <paramref name="text"/>; throws <see cref="FormatException"/> on a <c>${VAR:?error}</c> whose variable is unset, or bad syntax.</summary>
    public static string Interpolate(string text, IReadOnlyDictionary<string, string> variables)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                result.Append(c);
                continue;
            }

            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i++;
            }
            else if (next == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0)
                {
                    throw new FormatException($"Unclosed '${{' in \"{text}\".");
                }

                result.Append(Expand(text[(i + 2)..close], variables));
                i = close;
            }
            else if (char.IsLetter(next) || next == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                result.Append(variables.GetValueOrDefault(text[(i + 1)..end], string.Empty));
                i = end - 1;
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static string Expand(string body, IReadOnlyDictionary<string, string> variables)
    {
        foreach (var op in new[] { ":-", ":?", ":+", "-", "?", "+" })
        {
            var at = body.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var name = body[..at];
            var argument = body[(at + op.Length)..];
            var set = variables.TryGetValue(name, out var value);
            var usable = op.StartsWith(':') ? set && value!.Length > 0 : set;
            return op[^1] switch
            {
                '-' => usable ? value! : Interpolate(argument, variables),
                '+' => usable ? Interpolate(argument, variables) : string.Empty,
                _ => usable ? value! : throw new FormatException($"Required variable {name} is not set: {argument}"),
            };
        }

        return variables.GetValueOrDefault(body, string.Empty);
    }
}
