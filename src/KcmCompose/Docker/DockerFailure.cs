namespace KcmCompose.Docker;

/// <summary>Why a Docker operation could not be done; each has its own advice in <see cref="DockerException.Fix"/>.</summary>
public enum DockerFailure
{
    /// <summary><c>DOCKER_HOST</c> or the endpoint given is not usable.</summary>
    InvalidEndpoint,

    /// <summary>Nothing answers at the endpoint (daemon stopped, wrong socket path, wrong host or port).</summary>
    Unreachable,

    /// <summary>The socket exists but this user may not open it.</summary>
    PermissionDenied,

    /// <summary>The TLS certificates in <c>DOCKER_CERT_PATH</c> could not be read or were refused.</summary>
    TlsFailure,

    /// <summary>The daemon's API version range and this library's do not overlap.</summary>
    UnsupportedApiVersion,

    /// <summary>The Compose project has no container for the service.</summary>
    ServiceNotFound,

    /// <summary>An operation did not finish within its time limit.</summary>
    Timeout,

    /// <summary>The daemon refused a request.</summary>
    DaemonError,
}
