using System.Collections.Frozen;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// Reads the nginx text of ADDITIONAL_NGINX_CONFIG as nginx reads it (after Compose interpolation, so <c>$</c> is an
/// nginx variable) and checks that it stays inside the proxied <c>location</c> block the image places it in: nginx
/// accepts its words, braces and quotes, it never closes that location, and it has no directive of the server, http
/// or main level (nor an <c>include</c>, whose content cannot be checked).
/// </summary>
internal static partial class NginxSyntax
{
    /// <summary>What is wrong; the first group makes nginx refuse the configuration, the second reaches outside the location.</summary>
    internal enum ProblemKind
    {
        UnexpectedClose,
        UnclosedBlock,
        UnclosedQuote,
        UnexpectedAfterQuote,
        MisplacedPunctuation,
        CloseInsideDirective,
        Unterminated,
        TooLong,
        BlockInsideTypes,
        ClosesLocation,
        ForbiddenDirective,
        Include,
    }

    /// <summary>Directives nginx allows only above a location (main, events, http, server, stream, mail levels), with that level.</summary>
    private static readonly FrozenDictionary<string, string> _outsideLocation = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["user"] = "main", ["worker_processes"] = "main", ["pid"] = "main", ["daemon"] = "main", ["master_process"] = "main",
        ["load_module"] = "main", ["env"] = "main", ["worker_rlimit_nofile"] = "main", ["worker_rlimit_core"] = "main",
        ["working_directory"] = "main", ["lock_file"] = "main", ["thread_pool"] = "main", ["pcre_jit"] = "main",
        ["events"] = "main", ["http"] = "main", ["stream"] = "main", ["mail"] = "main",
        ["server"] = "http", ["upstream"] = "http", ["map"] = "http", ["geo"] = "http", ["split_clients"] = "http",
        ["log_format"] = "http", ["proxy_cache_path"] = "http", ["limit_req_zone"] = "http", ["limit_conn_zone"] = "http",
        ["listen"] = "server", ["server_name"] = "server", ["ssl"] = "server", ["http2"] = "server",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>One word as nginx passes it on: quotes removed, <c>\"</c> <c>\'</c> <c>\\</c> <c>\t</c> <c>\r</c> <c>\n</c> unescaped.</summary>
    /// <param name="Value">The word.</param>
    /// <param name="Offset">Where it starts in the text (its opening quote, if quoted).</param>
    internal readonly record struct Word(string Value, int Offset);

    /// <summary>A directive: its words (the name first) and, for a block directive, the directives inside.</summary>
    internal sealed record Directive(IReadOnlyList<Word> Words, IReadOnlyList<Directive>? Block)
    {
        public string Name => Words[0].Value;

        public int Offset => Words[0].Offset;
    }

    /// <param name="Kind">What is wrong.</param>
    /// <param name="Offset">Where, in the text.</param>
    /// <param name="Character">The character there.</param>
    /// <param name="Name">The directive concerned (or the included file), if any.</param>
    internal readonly record struct Problem(ProblemKind Kind, int Offset, char Character, string? Name);

    /// <summary>The directives read inside the location (up to the first problem that ends reading) and every problem found.</summary>
    internal sealed record Analysis(IReadOnlyList<Directive> Directives, IReadOnlyList<Problem> Problems)
    {
        /// <summary>Whether nginx accepts the text's syntax inside a location and the text stays inside it.</summary>
        public bool StaysInside => Problems.Count == 0;
    }

    /// <summary>Whether a problem makes nginx refuse the configuration (rather than reach outside the location).</summary>
    public static bool IsSyntax(ProblemKind kind) => kind < ProblemKind.ClosesLocation;

    /// <summary>Reads <paramref name="text"/> (nginx text, as the container receives it) as the content of a location block.</summary>
    public static Analysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<Problem>();
        var root = new List<Directive>();
        var frames = new Stack<(List<Word> Words, List<Directive> Block)>();
        var opens = new Stack<int>();
        var depth = 0;
        int? escape = null;
        var reader = new Reader(text);
        while (true)
        {
            var step = reader.Next();
            var inside = escape is null;
            switch (step.Kind)
            {
                case StepKind.Error:
                    problems.Add(step.Error!.Value);
                    return new Analysis(root, problems);
                case StepKind.End:
                    if (depth > 0)
                    {
                        problems.Add(new Problem(ProblemKind.UnclosedBlock, opens.Peek(), '{', null));
                    }
                    else if (depth < 0)
                    {
                        problems.Add(new Problem(ProblemKind.UnexpectedClose, escape!.Value, '}', null));
                    }
                    else if (escape is { } at)
                    {
                        problems.Add(new Problem(ProblemKind.ClosesLocation, at, '}', null));
                    }

                    return new Analysis(root, problems);
                case StepKind.Directive:
                    if (inside)
                    {
                        CheckLevel(step.Words, problems);
                        (frames.Count > 0 ? frames.Peek().Block : root).Add(new Directive(step.Words, null));
                    }

                    break;
                case StepKind.BlockStart:
                    if (inside)
                    {
                        if (frames.Count > 0 && frames.Peek().Words[0].Value == "types")
                        {
                            problems.Add(new Problem(ProblemKind.BlockInsideTypes, step.Offset, '{', null));
                            return new Analysis(root, problems);
                        }

                        CheckLevel(step.Words, problems);
                        frames.Push((step.Words, []));
                    }

                    opens.Push(step.Offset);
                    depth++;
                    break;
                case StepKind.BlockEnd:
                    if (depth <= 0)
                    {
                        escape ??= step.Offset;
                    }
                    else
                    {
                        opens.Pop();
                    }

                    depth--;
                    if (inside && frames.Count > 0)
                    {
                        var (words, block) = frames.Pop();
                        (frames.Count > 0 ? frames.Peek().Block : root).Add(new Directive(words, block));
                    }

                    break;
            }
        }
    }

    private static void CheckLevel(List<Word> words, List<Problem> problems)
    {
        var name = words[0].Value;
        if (name == "include")
        {
            problems.Add(new Problem(ProblemKind.Include, words[0].Offset, '\0', words.Count > 1 ? words[1].Value : string.Empty));
        }
        else if (_outsideLocation.ContainsKey(name) || name.StartsWith("ssl_", StringComparison.Ordinal))
        {
            problems.Add(new Problem(ProblemKind.ForbiddenDirective, words[0].Offset, '\0', name));
        }
    }

    /// <summary>The level a directive belongs to (<c>main</c>, <c>http</c>, <c>server</c>), for messages.</summary>
    public static string LevelOf(string name) =>
        _outsideLocation.TryGetValue(name, out var level) ? level : "server";
}
