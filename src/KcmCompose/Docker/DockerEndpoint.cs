namespace KcmCompose.Docker;

/// <summary>Where the Docker daemon listens and how to authenticate to it, resolved as the <c>docker</c> CLI does.</summary>
/// <param name="Uri">The daemon address: <c>unix:///var/run/docker.sock</c>, <c>tcp://host:2376</c>, ...</param>
/// <param name="TlsCertificatePath">The folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> when TLS is used; otherwise <see langword="null"/>.</param>
/// <param name="TlsVerify">Whether the daemon's certificate is checked against <c>ca.pem</c>.</param>
public sealed record DockerEndpoint(Uri Uri, string? TlsCertificatePath = null, bool TlsVerify = false)
{
    /// <summary>The default Linux socket, used when <c>DOCKER_HOST</c> is not set.</summary>
    public static DockerEndpoint Default { get; } = new(new Uri("unix:///var/run/docker.sock"));

    /// <summary>Whether the connection uses TLS client certificates.</summary>
    public bool UsesTls => TlsCertificatePath is not null;

    /// <summary>
    /// Reads <c>DOCKER_HOST</c>, <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c> (default <c>~/.docker</c>)
    /// from <paramref name="environment"/> (the process environment when <see langword="null"/>).
    /// TLS is used when <c>DOCKER_TLS_VERIFY</c> is set to a non-empty value, as with the docker CLI.
    /// </summary>
    /// <exception cref="DockerException"><c>DOCKER_HOST</c> is not a URI, or names a scheme this library cannot use (ssh).</exception>
    public static DockerEndpoint FromEnvironment(IReadOnlyDictionary<string, string?>? environment = null)
    {
        string? Get(string name) =>
            environment is null ? Environment.GetEnvironmentVariable(name)
            : environment.TryGetValue(name, out var value) ? value : null;

        var host = Get("DOCKER_HOST");
        var uri = Default.Uri;
        if (!string.IsNullOrWhiteSpace(host))
        {
            if (!Uri.TryCreate(host.Trim(), UriKind.Absolute, out var parsed)
                || parsed.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
            {
                throw new DockerException(
                    DockerFailure.InvalidEndpoint,
                    $"DOCKER_HOST='{host}' is not a Docker endpoint this tool can use.",
                    "Set DOCKER_HOST to unix:///path/to/docker.sock or tcp://host:port (ssh:// is not supported), or unset it to use /var/run/docker.sock.",
                    endpoint: host);
            }

            uri = parsed;
        }

        var verify = !string.IsNullOrEmpty(Get("DOCKER_TLS_VERIFY"));
        if (!verify)
        {
            return new DockerEndpoint(uri);
        }

        var certPath = Get("DOCKER_CERT_PATH");
        if (string.IsNullOrEmpty(certPath))
        {
            certPath = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        }

        return new DockerEndpoint(uri, certPath, TlsVerify: true);
    }

    /// <inheritdoc />
    public override string ToString() => UsesTls ? $"{Uri} (TLS, certificates in {TlsCertificatePath})" : Uri.ToString();
}
