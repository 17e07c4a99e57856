using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KcmCompose.Cli.Conventions;

/// <summary>
/// How a command prints: <c>--format text|json</c> (one JSON object per run, shapes in docs/cli.md), and the global
/// <c>--quiet</c>/<c>--verbose</c>. A command adds <see cref="FormatOption"/> and writes through <see cref="For"/>:
/// <see cref="Line"/> for human result lines, <see cref="Essential"/> for what must be seen even with --quiet,
/// <see cref="Note"/> for notes and warnings on standard error, <see cref="Detail"/> for --verbose, and
/// <see cref="WriteJsonAsync"/> once with its result.
/// </summary>
internal sealed class CommandOutput
{
    public const string FormatName = "--format";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    private CommandOutput(ParseResult parse)
    {
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
        Json = GlobalOptions.Find<string>(parse.CommandResult, FormatName) is { } format && parse.GetValue(format) == "json";
        Quiet = GlobalOptions.Quiet(parse);
        Verbose = GlobalOptions.Verbose(parse);
        Command = CommandPath(parse);
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>--format json: the result is one JSON object on standard output and nothing else is printed there.</summary>
    public bool Json { get; }

    /// <summary>--quiet.</summary>
    public bool Quiet { get; }

    /// <summary>--verbose.</summary>
    public bool Verbose { get; }

    /// <summary>The command as typed, <c>kcm-compose client issue</c>: the prefix of the command's messages.</summary>
    public string Command { get; }

    /// <summary>The <c>--format text|json</c> option every command that prints a result has (default text).</summary>
    public static Option<string> FormatOption(string description = "Output format: text (default) or json (one object; see docs/cli.md).")
    {
        var option = new Option<string>(FormatName) { Description = description, DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }

    public static CommandOutput For(ParseResult parse) => new(parse);

    /// <summary>A human result line on standard output: not with --format json, not with --quiet.</summary>
    public void Line(string text)
    {
        if (!Json && !Quiet)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>Text the user must see even with --quiet (a generated passphrase, a requested diff); not with --format json.</summary>
    public void Essential(string text)
    {
        if (!Json)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>A note or warning on standard error, prefixed with the command; not with --quiet.</summary>
    public void Note(string text)
    {
        if (!Quiet)
        {
            Error.WriteLine($"{Command}: {text}");
        }
    }

    /// <summary>A step or file read, on standard error, only with --verbose.</summary>
    public void Detail(string text)
    {
        if (Verbose)
        {
            Error.WriteLine($"{Command}: {text}");
        }
    }

    /// <summary>Writes <paramref name="result"/> as the run's one JSON object (indented, then a newline) when --format json.</summary>
    public async Task WriteJsonAsync(JsonObject result)
    {
        if (Json)
        {
            await Out.WriteLineAsync(ToJson(result)).ConfigureAwait(false);
        }
    }

    /// <summary>The JSON text of <paramref name="node"/>, written by <see cref="Utf8JsonWriter"/> (no reflection: the tool is trimmed).</summary>
    public static string ToJson(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A time as JSON: ISO 8601 in UTC.</summary>
    public static JsonNode Time(DateTimeOffset value) => JsonValue.Create(value.ToUniversalTime());

    /// <summary>A list of strings as a JSON array.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>The command as typed, without its options: <c>kcm-compose client issue</c>.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var command = parse.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(command.Parent is null ? "kcm-compose" : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
