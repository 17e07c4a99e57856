namespace KcmCompose.Docker;

/// <summary>The restart policies of Docker and Compose (<c>restart:</c>).</summary>
internal enum ContainerRestartPolicy
{
    /// <summary><c>no</c>: never restarted by the daemon.</summary>
    No,

    /// <summary><c>always</c>.</summary>
    Always,

    /// <summary><c>on-failure[:max-retries]</c>.</summary>
    OnFailure,

    /// <summary><c>unless-stopped</c>.</summary>
    UnlessStopped,
}
