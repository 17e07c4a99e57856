using System.CommandLine;
using System.CommandLine.Parsing;
using KcmCompose.Validation.Rules;

namespace KcmCompose.Cli.Conventions;

/// <summary>
/// One line for a command line that does not parse, in the user's words: an unknown command or option with the nearest
/// valid one ("did you mean 'emit'?"), a missing command with the list to choose from, else the parser's message.
/// </summary>
internal static class UsageErrors
{
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult;
        var path = CommandOutput.CommandPath(parse);
        var help = $" (see '{path} --help')";
        var mistyped = MistypedOption(parse);
        if (mistyped is not null || parse.UnmatchedTokens.Count > 0)
        {
            var token = mistyped?.Value ?? parse.UnmatchedTokens[0];
            if (token.StartsWith('-') && token.Length > 1)
            {
                return $"{path}: unknown option '{token}'{DidYouMean(token, OptionNames(command), help)}";
            }

            var subcommands = command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            if (subcommands.Count > 0)
            {
                return $"{path}: unknown command '{token}'{DidYouMean(token, subcommands, help)}";
            }

            return $"{path}: unexpected argument '{token}'{help}";
        }

        if (command.Command.Subcommands.Count > 0 && command.Command.Action is null)
        {
            return $"{path}: give a command: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}{help}";
        }

        return $"{path}: {parse.Errors[0].Message.TrimEnd('.')}{help}";
    }

    /// <summary>
    /// An unknown <c>--name</c> where the command takes an argument: the parser takes it as that argument, but it is an
    /// unknown option (a file whose name starts with <c>--</c> can still be given as <c>./--name</c>).
    /// </summary>
    public static Token? MistypedOption(ParseResult parse) =>
        parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens)
            .FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2);

    /// <summary><c>; did you mean 'x'?</c> with the nearest of <paramref name="candidates"/>, or <paramref name="otherwise"/> when none is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates, string otherwise) =>
        Nearest(typed, candidates) is { } nearest ? $"; did you mean '{nearest}'?" : otherwise;

    /// <summary>The candidate nearest to <paramref name="typed"/> by edit distance, when close enough to be a likely typo.</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        var word = typed.TrimStart('-');
        var limit = word.Length <= 3 ? 1 : word.Length <= 6 ? 2 : 3;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Between(word.ToLowerInvariant(), candidate.TrimStart('-'));
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= limit ? best : null;
    }

    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        var own = true;
        for (CommandResult? current = command; current is not null; current = current.Parent as CommandResult, own = false)
        {
            foreach (var option in current.Command.Options.Where(o => !o.Hidden && (own || o.Recursive)))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }
}
