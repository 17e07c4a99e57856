using System.CommandLine;
using KcmCompose.Compose;

namespace KcmCompose.Cli.Commands;

/// <summary>
/// How every command that reads a compose stack names it: <c>FILE</c> or <c>-f/--file</c> (repeatable, merged in
/// order) and <c>-p/--project-name</c>; without files, Compose's own search (<see cref="ComposeProject.FindFiles"/>).
/// </summary>
internal sealed class ComposeFileOptions
{
    public Argument<string?> File { get; } = new("FILE")
    {
        Description = "The compose file. Defaults to what docker compose reads: -f files, else COMPOSE_FILE, else compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml here or in a parent folder (with its override file).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string[]> Files { get; } = new("--file", "-f")
    {
        Description = "A compose file; repeat to merge several in order, as docker compose -f does.",
    };

    public Option<string?> ProjectName { get; } = new("--project-name", "-p", "--project")
    {
        Description = "The Compose project name (default: COMPOSE_PROJECT_NAME, the file's name:, then the folder's name).",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Files);
        command.Options.Add(ProjectName);
    }

    /// <summary>The files Compose would read for this command line; throws <see cref="ArgumentException"/> or <see cref="FileNotFoundException"/> with a message for the user.</summary>
    public IReadOnlyList<string> Resolve(ParseResult parse)
    {
        var file = parse.GetValue(File);
        var files = parse.GetValue(Files) ?? [];
        if (file is not null && files.Length > 0)
        {
            throw new ArgumentException("give the compose file either as FILE or with -f, not both.");
        }

        string[] given = file is not null ? [file] : files;
        if (given.Length > 0)
        {
            // Keep the names as the user wrote them: diagnostics and messages show them.
            var missing = given.FirstOrDefault(f => !Path.Exists(f));
            Conventions.CommandOutput.For(parse).Detail($"reading {string.Join(", ", given)}");
            return missing is null ? given : throw new FileNotFoundException($"the compose file '{missing}' does not exist.", missing);
        }

        // Found by the search: shown relative to the current folder, as the user would name them.
        var here = Directory.GetCurrentDirectory();
        string[] found = [.. ComposeProject.FindFiles().Select(f => Path.GetRelativePath(here, f))];
        Conventions.CommandOutput.For(parse).Detail($"reading {string.Join(", ", found)} (found as docker compose finds them)");
        return found;
    }
}
