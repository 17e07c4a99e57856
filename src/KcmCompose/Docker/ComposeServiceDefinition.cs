using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Docker;

/// <summary>One service of a compose file: which Compose project and service it is, and the configuration the file gives it.</summary>
/// <param name="ComposeFile">The compose file's full path.</param>
/// <param name="Target">The project (derived as Compose does) and the service.</param>
/// <param name="Desired">The file's configuration for the service, interpolated.</param>
internal sealed record ComposeServiceDefinition(string ComposeFile, ServiceTarget Target, DesiredService Desired)
{
    /// <summary>
    /// Loads <paramref name="composeFile"/> (see <see cref="ComposeProject"/>: the <c>.env</c> beside it or
    /// <paramref name="envFile"/>, the process environment over it) and reads <paramref name="service"/> (default: the
    /// one service running the KCM proxy image, <see cref="KcmImages"/>). The project name is <paramref name="project"/>,
    /// else as Compose derives it.
    /// </summary>
    /// <exception cref="ComposeLoadException">The file cannot be read or parsed, has no such service, or a variable problem stops interpolation.</exception>
    public static async Task<ComposeServiceDefinition> LoadAsync(
        string composeFile,
        string? service = null,
        string? project = null,
        string? envFile = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composeFile);
        var processEnvironment = environment?.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        ComposeProject loaded;
        try
        {
            loaded = await ComposeProject.LoadAsync([composeFile], project, envFile, null, processEnvironment, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ComposeLoadException(e.Message, null, "Pass the compose file of the KCM stack.", e);
        }

        return FromProject(loaded, service);
    }

    /// <summary>Reads <paramref name="service"/> (default: the one service running the KCM proxy image) of a loaded project.</summary>
    /// <exception cref="ComposeLoadException">The project has no such service, or a variable or env_file problem stops it.</exception>
    public static ComposeServiceDefinition FromProject(ComposeProject project, string? service = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        var composeFile = project.File;
        var interpolated = ComposeInterpolator.Interpolate(project.Document, project.Variables);
        if (!interpolated.Succeeded)
        {
            throw Problem(interpolated.Problems.First(p => p.Code != ComposeProblemCodes.VariableNotSet));
        }

        var read = ComposeServices.Read(interpolated.Document);
        var kcm = KcmServices.Read(project.Document.Root, interpolated.Document.Root, project.Folder, project.Variables);
        var names = read.Services.IsEmpty ? "none" : string.Join(", ", read.Services.Select(s => s.Name));
        ComposeService? chosen;
        if (service is null)
        {
            var proxy = kcm.SingleProxy(out var missing);
            chosen = proxy is null ? null : read.Find(proxy.Name);
            if (chosen is null)
            {
                throw new ComposeLoadException(
                    $"{missing!.Code}: {missing.Message} (services: {names})",
                    missing.Location ?? interpolated.Document.Root["services"]?.Location ?? interpolated.Document.Root.Location,
                    "Name the service with --service.");
            }
        }
        else
        {
            chosen = read.Find(service) ?? throw new ComposeLoadException(
                $"No service '{service}' in {composeFile} (services: {names}).",
                interpolated.Document.Root["services"]?.Location ?? interpolated.Document.Root.Location,
                "Name the service with --service.");
        }

        var path = chosen.Path;
        if (read.Problems.Concat(kcm.Problems).FirstOrDefault(p => p.Path == path || p.Path.StartsWith(path + ".", StringComparison.Ordinal)) is { } problem)
        {
            throw Problem(problem);
        }

        var desired = DesiredServiceReader.Read(chosen, kcm.Find(chosen.Name)!, project.Folder, project.Variables);
        return new ComposeServiceDefinition(composeFile, new ServiceTarget(project.Name, chosen.Name), desired) { Files = project.Files, Folder = project.Folder, Service = chosen, Resolved = interpolated.Document.Root };
    }

    /// <summary>Every compose file of the project, in merge order; <see cref="ComposeFile"/> is the first.</summary>
    public System.Collections.Immutable.ImmutableArray<string> Files { get; init; } = [];

    /// <summary>The project folder: relative <c>file:</c> paths of top-level configs and secrets resolve against it.</summary>
    public string Folder { get; init; } = string.Empty;

    /// <summary>The service as read from the interpolated files (its <c>configs</c> and <c>secrets</c> references).</summary>
    public ComposeService? Service { get; init; }

    /// <summary>The interpolated, merged document (its top-level <c>configs</c> and <c>secrets</c>).</summary>
    public ComposeMapping? Resolved { get; init; }

    private static ComposeLoadException Problem(ComposeProblem problem) =>
        new($"{problem.Path}: {problem.Code}: {problem.Message}", problem.Location, problem.Fix);
}
