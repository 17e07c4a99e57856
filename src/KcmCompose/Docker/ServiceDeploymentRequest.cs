namespace KcmCompose.Docker;

/// <summary>Which compose file, service and daemon <see cref="ServiceDeployment"/> works on.</summary>
/// <param name="ComposeFile">The compose file.</param>
public sealed record ServiceDeploymentRequest(string ComposeFile)
{
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
