namespace KcmCompose.Docker;

/// <summary>Which compose file, service and daemon <see cref="ServiceDeployment"/> works on.</summary>
/// <param name="ComposeFile">The compose file.</param>
public sealed record ServiceDeploymentRequest(string ComposeFile)
{
    /// <summary>More compose files merged after <see cref="ComposeFile"/>, in order, as <c>-f</c> does. Defaults to none.</summary>
    public IReadOnlyList<string> OverrideFiles { get; init; } = [];

    /// <summary>
    /// Skips validating the files before acting. Defaults to false: files with validation errors are refused.
    /// A bind-mount source missing on the host is refused either way (Docker would create a directory in its place).
    /// </summary>
    public bool SkipValidation { get; init; }

    /// <summary>The service; defaults to the one running the KCM proxy image (<see cref="Kcm.KcmImages.SslNginx"/>).</summary>
    public string? Service { get; init; }

    /// <summary>The Compose project name; defaults to Compose's own derivation (<c>COMPOSE_PROJECT_NAME</c>, <c>name:</c>, folder).</summary>
    public string? Project { get; init; }

    /// <summary>The variables file; defaults to the <c>.env</c> beside the compose file.</summary>
    public string? EnvFile { get; init; }

    /// <summary>The environment for interpolation and the project name; defaults to the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The daemon; defaults to <see cref="DockerEndpoint.FromEnvironment"/>.</summary>
    public DockerEndpoint? Endpoint { get; init; }
}
