using System.CommandLine;
using System.CommandLine.Parsing;

namespace KcmCompose.Cli.Conventions;

/// <summary><c>--quiet</c> and <c>--verbose</c>: recursive options of the root, so every command (and every new one) has them.</summary>
internal static class GlobalOptions
{
    public const string QuietName = "--quiet";
    public const string VerboseName = "--verbose";

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(new Option<bool>(QuietName, "-q")
        {
            Description = "Print only errors and the data asked for (YAML, JSON, diffs, a generated passphrase); no success messages, notes or warnings.",
            Recursive = true,
        });
        root.Options.Add(new Option<bool>(VerboseName, "-v")
        {
            Description = "Also say on standard error which files are read and each step taken.",
            Recursive = true,
        });
    }

    public static bool Quiet(ParseResult parse) => Flag(parse, QuietName);

    public static bool Verbose(ParseResult parse) => Flag(parse, VerboseName);

    /// <summary>The value of the boolean option called <paramref name="name"/> on the command or a parent; false when there is none.</summary>
    public static bool Flag(ParseResult parse, string name) =>
        Find<bool>(parse.CommandResult, name) is { } option && parse.GetValue(option);

    /// <summary>The option called <paramref name="name"/> that applies to the command: its own, or a recursive one of a parent.</summary>
    public static Option<T>? Find<T>(CommandResult? command, string name)
    {
        for (var own = true; command is not null; command = command.Parent as CommandResult, own = false)
        {
            foreach (var option in command.Command.Options)
            {
                if (option is Option<T> typed && (own || option.Recursive) && (option.Name == name || option.Aliases.Contains(name)))
                {
                    return typed;
                }
            }
        }

        return null;
    }
}
