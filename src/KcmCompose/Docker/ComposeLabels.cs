namespace KcmCompose.Docker;

/// <summary>The labels Compose puts on the containers it creates.</summary>
internal static class ComposeLabels
{
    /// <summary>The project name.</summary>
    public const string Project = "com.docker.compose.project";

    /// <summary>The service name.</summary>
    public const string Service = "com.docker.compose.service";

    /// <summary><c>True</c> on containers made by <c>docker compose run</c>.</summary>
    public const string OneOff = "com.docker.compose.oneoff";

    /// <summary>Compose's hash of the service configuration; Compose recreates a container whose hash differs from the file's.</summary>
    public const string ConfigHash = "com.docker.compose.config-hash";

    /// <summary>The version of Compose that created the container.</summary>
    public const string Version = "com.docker.compose.version";

    /// <summary>The replica number.</summary>
    public const string ContainerNumber = "com.docker.compose.container-number";
}
