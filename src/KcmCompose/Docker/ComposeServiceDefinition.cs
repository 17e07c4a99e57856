using KcmCompose.Compose;

namespace KcmCompose.Docker;

/// <summary>One service of a compose file: which Compose project and service it is, and the configuration the file gives it.</summary>
/// <param name="ComposeFile">The compose file's full path.</param>
/// <param name="Target">The project (derived as Compose does) and the service.</param>
/// <param name="Desired">The file's configuration for the service, interpolated.</param>
public sealed record ComposeServiceDefinition(string ComposeFile, ServiceTarget Target, DesiredService Desired)
{
    /// <summary>The image the KCM TLS proxy runs; the service using it is chosen when no service is named.</summary>
    public const string ProxyImage = "keeper/guacamole-ssl-nginx";

    /// <summary>
    /// Loads <paramref name="composeFile"/>, interpolates it with the process environment over the <c>.env</c> beside it
    /// (or <paramref name="envFile"/>), and reads <paramref name="service"/> (default: the service whose image is
    /// <see cref="ProxyImage"/>). The project name is <paramref name="project"/>, else as Compose derives it.
    /// </summary>
    /// <exception cref="ComposeLoadException">The file cannot be read or parsed, has no such service, or a required variable is unset.</exception>
    public static async Task<ComposeServiceDefinition> LoadAsync(
        string composeFile,
        string? service = null,
        string? project = null,
        string? envFile = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composeFile);
        var document = await ComposeDocument.LoadAsync(composeFile, cancellationToken).ConfigureAwait(false);
        var variables = await ComposeVariables.LoadAsync(composeFile, envFile, environment, cancellationToken).ConfigureAwait(false);
        var services = document.Root["services"] as ComposeMapping ?? ComposeMapping.Empty;
        var chosen = service is null
            ? services.Entries.FirstOrDefault(e => e.Value is ComposeMapping m && m["image"] is ComposeScalar image
                && ComposeVariables.Interpolate(image.Value, variables).Split(':')[0].EndsWith(ProxyImage, StringComparison.Ordinal))
            : services.Find(service);
        var names = services.Entries.Length == 0 ? "none" : string.Join(", ", services.Entries.Select(e => e.Key.Value));
        if (chosen?.Value is not ComposeMapping definition)
        {
            throw new ComposeLoadException(
                service is null ? $"No service in {composeFile} runs {ProxyImage} (services: {names})." : $"No service '{service}' in {composeFile} (services: {names}).",
                services.Location ?? document.Root.Location,
                "Name the service with --service.");
        }

        var topLevelName = document.Root["name"] is ComposeScalar name ? ComposeVariables.Interpolate(name.Value, variables) : null;
        var projectName = ComposeProjectName.Resolve(composeFile, project, topLevelName, variables.ToDictionary(v => v.Key, v => (string?)v.Value));
        var directory = Path.GetDirectoryName(Path.GetFullPath(composeFile)) ?? Environment.CurrentDirectory;
        try
        {
            var desired = DesiredServiceReader.Read(definition, chosen.Key.Value, directory, variables);
            return new ComposeServiceDefinition(Path.GetFullPath(composeFile), new ServiceTarget(projectName, chosen.Key.Value), desired);
        }
        catch (FormatException exception)
        {
            throw new ComposeLoadException(exception.Message, definition.Location ?? chosen.Key.Location, "Set the variable or fix the value in the compose file.", exception);
        }
    }
}
