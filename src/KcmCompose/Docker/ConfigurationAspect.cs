namespace KcmCompose.Docker;

/// <summary>Which part of a container's configuration differs from the file.</summary>
public enum ConfigurationAspect
{
    /// <summary>The image reference.</summary>
    Image,

    /// <summary>An environment variable.</summary>
    Environment,

    /// <summary>A mount (source, type or read-only flag).</summary>
    Mount,

    /// <summary>A published port.</summary>
    Port,

    /// <summary>The restart policy.</summary>
    RestartPolicy,

    /// <summary>A bind-mounted file changed on the host after the container started (same path, new content).</summary>
    MountedFileContent,

    /// <summary>A Swarm config the service mounts (new content means a new config, named by its content hash).</summary>
    SwarmConfig,

    /// <summary>A Swarm secret the service mounts (new content means a new secret, named by its content hash).</summary>
    SwarmSecret,
}
