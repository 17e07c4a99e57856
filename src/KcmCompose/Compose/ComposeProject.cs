using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// The compose files, folder, variables and project name a command acts on, found exactly as <c>docker compose</c>
/// (v2) finds them, so that every kcm-compose command reads the file Compose runs: the files given (<c>-f</c>,
/// merged in order), else <c>COMPOSE_FILE</c> (split on <c>COMPOSE_PATH_SEPARATOR</c>, default ':'), else the first of
/// <see cref="DefaultFileNames"/> in the working folder or the nearest parent folder that has one, together with its
/// override file (<see cref="OverrideFileNames"/>). The project folder is the first file's folder; its <c>.env</c>
/// (or the given env file) supplies variables under the process environment; the name is <c>-p</c>, else
/// <c>COMPOSE_PROJECT_NAME</c>, else the top-level <c>name:</c>, else the folder's name. <c>${COMPOSE_PROJECT_NAME}</c>
/// interpolates to that name, as in Compose.
/// </summary>
/// <param name="Files">The compose files, full paths, in merge order.</param>
/// <param name="Folder">The project folder: relative paths in the files resolve against it.</param>
/// <param name="Name">The project name, normalised as Compose does.</param>
/// <param name="Document">The files merged, not yet interpolated; every node keeps its own file's location.</param>
/// <param name="Variables">The interpolation variables: the process environment over the env file, plus <c>COMPOSE_PROJECT_NAME</c>.</param>
public sealed record ComposeProject(
    ImmutableArray<string> Files,
    string Folder,
    string Name,
    ComposeDocument Document,
    IReadOnlyDictionary<string, string> Variables)
{
    /// <summary>The file names Compose v2 looks for, in its order.</summary>
    public static ImmutableArray<string> DefaultFileNames { get; } = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

    /// <summary>The override file names Compose v2 merges after a default file found in the same folder, in its order.</summary>
    public static ImmutableArray<string> OverrideFileNames { get; } =
        ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml"];

    /// <summary>The main file: the first one, whose name labels the merged document.</summary>
    public string File => Files[0];

    /// <summary>
    /// Which files Compose would read: <paramref name="files"/> when given, else <c>COMPOSE_FILE</c> (from the environment,
    /// else the working folder's <c>.env</c>), else the default
    /// names searched from <paramref name="workingDirectory"/> upwards. Paths are made absolute against the working folder.
    /// </summary>
    /// <param name="files">The files given on the command line (<c>-f</c>), possibly empty.</param>
    /// <param name="workingDirectory">The folder the command runs in; <see langword="null"/> for the current one.</param>
    /// <param name="environment">The process environment; <see langword="null"/> reads this process's.</param>
    /// <exception cref="FileNotFoundException">No file was given and none of the default names exists here or above; the message names them.</exception>
    public static ImmutableArray<string> FindFiles(
        IReadOnlyList<string>? files = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        if (files is { Count: > 0 })
        {
            return [.. files.Select(f => Path.GetFullPath(f, folder))];
        }

        // Compose reads COMPOSE_FILE and COMPOSE_PATH_SEPARATOR from the process, else from the working folder's .env.
        var dotEnv = new Lazy<Dictionary<string, string>>(() => ReadDotEnv(folder, environment));
        var composeFile = Lookup(environment, "COMPOSE_FILE") ?? dotEnv.Value.GetValueOrDefault("COMPOSE_FILE");
        if (!string.IsNullOrEmpty(composeFile))
        {
            var separator = (Lookup(environment, "COMPOSE_PATH_SEPARATOR") ?? dotEnv.Value.GetValueOrDefault("COMPOSE_PATH_SEPARATOR")) is { Length: > 0 } s
                ? s
                : Path.PathSeparator.ToString();
            return [.. composeFile.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(f => Path.GetFullPath(f, folder))];
        }

        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var found = DefaultFileNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(System.IO.File.Exists);
            if (found is null)
            {
                continue;
            }

            var overrideFile = OverrideFileNames.Select(n => Path.Combine(dir, n)).FirstOrDefault(System.IO.File.Exists);
            return overrideFile is null ? [found] : [found, overrideFile];
        }

        throw new FileNotFoundException(
            $"No compose file in {folder} or its parent folders (looked for {string.Join(", ", DefaultFileNames)}); pass one with -f or set COMPOSE_FILE.");
    }

    /// <summary>Finds, reads, merges and names the project as <c>docker compose</c> does.</summary>
    /// <param name="files">The files given (<c>-f</c>), possibly empty; see <see cref="FindFiles"/>.</param>
    /// <param name="projectName">The name given (<c>-p</c>), or <see langword="null"/>.</param>
    /// <param name="envFile">An explicit env file (<c>--env-file</c>), or <see langword="null"/> for the project folder's <c>.env</c>.</param>
    /// <param name="workingDirectory">The folder the command runs in; <see langword="null"/> for the current one.</param>
    /// <param name="environment">The process environment; <see langword="null"/> reads this process's.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="FileNotFoundException">No compose file is found, or a named one does not exist.</exception>
    /// <exception cref="ComposeLoadException">A file cannot be read or parsed, or the env file has a bad line; with file:line:column.</exception>
    public static async Task<ComposeProject> LoadAsync(
        IReadOnlyList<string>? files = null,
        string? projectName = null,
        string? envFile = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var paths = FindFiles(files, workingDirectory, environment);
        var labels = files is { Count: > 0 } ? files : null;
        var documents = new List<ComposeDocument>(paths.Length);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Length; i++)
        {
            var label = labels?[i] ?? paths[i];
            if (!System.IO.File.Exists(paths[i]))
            {
                throw new FileNotFoundException($"The compose file '{label}' does not exist.", paths[i]);
            }

            var text = await Utf8File.ReadAsync(label, IO.InputFileKind.Compose, cancellationToken).ConfigureAwait(false);
            texts[label] = text;
            documents.Add(ComposeDocument.Parse(text, label));
        }

        var document = ComposeMerge.Merge(documents);
        var folder = Path.GetDirectoryName(paths[0])!;
        var variables = await ComposeEnvironment.LoadAsync(paths[0], envFile, environment, cancellationToken).ConfigureAwait(false);
        var name = NameOf(paths[0], projectName, document, variables);
        return new ComposeProject(paths, folder, name, document, WithProjectName(variables, name)) { Texts = texts };
    }

    /// <summary>Each file's text by the label its locations use; places positions inside multi-line values.</summary>
    internal IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The project name from the candidates in Compose's order (see <see cref="ComposeProjectName"/>).</summary>
    internal static string NameOf(string firstFile, string? projectName, ComposeDocument document, IReadOnlyDictionary<string, string> variables)
    {
        var topLevel = document.Root["name"] is ComposeScalar { Type: not ScalarType.Null } n ? n.Value : null;
        if (topLevel is not null && topLevel.Contains('$', StringComparison.Ordinal))
        {
            topLevel = ComposeInterpolator.Interpolate(new ComposeDocument(new ComposeMapping([new ComposeEntry(new ComposeScalar("name"), new ComposeScalar(topLevel))])), variables)
                .Document.Root["name"] is ComposeScalar resolved ? resolved.Value : topLevel;
        }

        return ComposeProjectName.Resolve(firstFile, projectName, topLevel, variables.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal));
    }

    /// <summary>The variables with <c>COMPOSE_PROJECT_NAME</c> set to <paramref name="name"/> unless already set, as Compose interpolates.</summary>
    internal static IReadOnlyDictionary<string, string> WithProjectName(IReadOnlyDictionary<string, string> variables, string name)
    {
        if (variables.ContainsKey("COMPOSE_PROJECT_NAME"))
        {
            return variables;
        }

        var copy = new Dictionary<string, string>(variables, StringComparer.Ordinal) { ["COMPOSE_PROJECT_NAME"] = name };
        return copy;
    }

    /// <summary>The working folder's <c>.env</c>, when it is a readable env file; an unreadable one is reported later, by validation.</summary>
    private static Dictionary<string, string> ReadDotEnv(string folder, IReadOnlyDictionary<string, string>? environment)
    {
        var path = Path.Combine(folder, ComposeEnvironment.DotEnvFileName);
        if (!System.IO.File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var text = Utf8File.Decode(IO.InputFile.ReadAllBytes(path, IO.InputFileKind.Env), path);
            return DotEnvParser.Parse(text, path, name => Lookup(environment, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ComposeLoadException)
        {
            return new(StringComparer.Ordinal);
        }
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? environment, string name) =>
        environment is null ? System.Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);
}
