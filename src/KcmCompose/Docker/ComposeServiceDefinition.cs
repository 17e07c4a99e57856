using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Docker;

/// <summary>One service of a compose file: which Compose project and service it is, and the configuration the file gives it.</summary>
/// <param name="ComposeFile">The compose file's full path.</param>
/// <param name="Target">The project (derived as Compose does) and the service.</param>
/// <param name="Desired">The file's configuration for the service, interpolated.</param>
public sealed record ComposeServiceDefinition(string ComposeFile, ServiceTarget Target, DesiredService Desired)
{
    /// <summary>
    /// Loads <paramref name="composeFile"/>, interpolates it with the process environment over the <c>.env</c> beside it
    /// (or <paramref name="envFile"/>), and reads <paramref name="service"/> (default: the service running the KCM proxy
    /// image, <see cref="KcmImages"/>). The project name is <paramref name="project"/>, else as Compose derives it.
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
        var raw = await ComposeDocument.LoadAsync(composeFile, cancellationToken).ConfigureAwait(false);
        var processEnvironment = environment?.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        var variables = await ComposeEnvironment.LoadAsync(composeFile, envFile, processEnvironment, cancellationToken).ConfigureAwait(false);
        var interpolated = ComposeInterpolator.Interpolate(raw, variables);
        if (!interpolated.Succeeded)
        {
            throw Problem(interpolated.Problems.First(p => p.Code != ComposeProblemCodes.VariableNotSet));
        }

        var read = ComposeServices.Read(interpolated.Document);
        var names = read.Services.IsEmpty ? "none" : string.Join(", ", read.Services.Select(s => s.Name));
        ComposeService? chosen;
        if (service is null)
        {
            var proxy = KcmServices.Read(interpolated.Document).SingleProxy(out var missing);
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

        if (read.Problems.FirstOrDefault(p => p.Path.StartsWith(chosen.Path, StringComparison.Ordinal)) is { } problem)
        {
            throw Problem(problem);
        }

        var topLevelName = interpolated.Document.Root["name"] is ComposeScalar name ? name.Value : null;
        var projectName = ComposeProjectName.Resolve(composeFile, project, topLevelName, variables.ToDictionary(v => v.Key, v => (string?)v.Value));
        var directory = Path.GetDirectoryName(Path.GetFullPath(composeFile)) ?? Environment.CurrentDirectory;
        var desired = DesiredServiceReader.Read(chosen, directory, variables);
        return new ComposeServiceDefinition(Path.GetFullPath(composeFile), new ServiceTarget(projectName, chosen.Name), desired);
    }

    private static ComposeLoadException Problem(ComposeProblem problem) =>
        new($"{problem.Path}: {problem.Message}", problem.Location, problem.Fix);
}
