using Docker.DotNet;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;

namespace KcmCompose.Docker;

/// <summary>
/// An open client for one Docker daemon, speaking an API version both sides support
/// (Debian's dockerd 20.10 speaks 1.41; current engines require at least 1.44).
/// </summary>
internal sealed class DockerConnection : IDisposable
{
    /// <summary>The newest Engine API version this library asks for.</summary>
    public static readonly Version MaximumApiVersion = new(1, 51);

    /// <summary>The oldest Engine API version this library can work with.</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    private DockerConnection(DockerEndpoint endpoint, Version apiVersion, string serverVersion, IDockerClient client)
    {
        Endpoint = endpoint;
        ApiVersion = apiVersion;
        ServerVersion = serverVersion;
        Client = client;
    }

    /// <summary>The daemon this connection talks to.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>The Engine API version used for every request.</summary>
    public Version ApiVersion { get; }

    /// <summary>The daemon's version string (e.g. <c>20.10.24</c>).</summary>
    public string ServerVersion { get; }

    internal IDockerClient Client { get; }

    /// <summary>
    /// Connects to <paramref name="endpoint"/> (default: <see cref="DockerEndpoint.FromEnvironment"/>), asks the
    /// daemon for its API version range and keeps a client on the newest version both support.
    /// </summary>
    /// <exception cref="DockerException">The daemon is unreachable, refuses this user, or has no API version in common.</exception>
    public static async Task<DockerConnection> ConnectAsync(DockerEndpoint? endpoint = null, CancellationToken cancellationToken = default)
    {
        endpoint ??= DockerEndpoint.FromEnvironment();
        CheckSocket(endpoint);
        var auth = CreateAuthProvider(endpoint);
        string? serverMaximum, serverMinimum, serverVersion;
        using (var probe = CreateClient(endpoint, auth, apiVersion: null))
        {
            try
            {
                // Unversioned request: every engine answers /version whatever its minimum API version.
                var version = await probe.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
                (serverMaximum, serverMinimum, serverVersion) = (version.APIVersion, version.MinAPIVersion, version.Version);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw DockerErrors.Translate(exception, endpoint);
            }
        }

        var apiVersion = Negotiate(serverMaximum, serverMinimum, endpoint);
        return new DockerConnection(endpoint, apiVersion, serverVersion ?? "unknown", CreateClient(endpoint, auth, apiVersion));
    }

    /// <summary>The newest version inside both the daemon's range and this library's.</summary>
    internal static Version Negotiate(string? serverMaximum, string? serverMinimum, DockerEndpoint endpoint)
    {
        var max = Version.TryParse(serverMaximum, out var parsedMax) ? parsedMax : MinimumApiVersion;
        var min = Version.TryParse(serverMinimum, out var parsedMin) ? parsedMin : new Version(1, 12);
        var chosen = max < MaximumApiVersion ? max : MaximumApiVersion;
        if (chosen < min || chosen < MinimumApiVersion)
        {
            throw new DockerException(
                DockerFailure.UnsupportedApiVersion,
                $"The Docker daemon at {endpoint.Uri} speaks API {min}..{max}; this tool speaks {MinimumApiVersion}..{MaximumApiVersion}.",
                "Use a Docker Engine of version 20.10 or newer.",
                endpoint.Uri.ToString());
        }

        return chosen;
    }

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();

    private static DockerClient CreateClient(DockerEndpoint endpoint, IAuthProvider? auth, Version? apiVersion)
    {
        var builder = new DockerClientBuilder().WithEndpoint(endpoint.Uri);
        if (apiVersion is not null)
        {
            builder = builder.WithApiVersion(apiVersion);
        }

        if (auth is not null)
        {
            builder = builder.WithAuthProvider(auth);
        }

        return builder.Build();
    }

    private static IAuthProvider? CreateAuthProvider(DockerEndpoint endpoint)
    {
        if (!endpoint.UsesTls)
        {
            return null;
        }

        try
        {
            return DockerTlsCertificates.LoadFromDirectory(endpoint.TlsCertificatePath!, endpoint.TlsVerify).CreateCredentials();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new DockerException(
                DockerFailure.TlsFailure,
                $"Could not load the Docker TLS certificates from {endpoint.TlsCertificatePath} for {endpoint.Uri}: {exception.Message}",
                "Point DOCKER_CERT_PATH at a folder holding ca.pem, cert.pem and key.pem, or unset DOCKER_TLS_VERIFY for a plain connection.",
                endpoint.Uri.ToString(),
                exception);
        }
    }

    private static void CheckSocket(DockerEndpoint endpoint)
    {
        if (endpoint.Uri.Scheme != "unix")
        {
            return;
        }

        var path = endpoint.Uri.LocalPath;
        if (!File.Exists(path))
        {
            throw new DockerException(
                DockerFailure.Unreachable,
                $"Cannot connect to the Docker daemon at {endpoint.Uri}: no socket at {path}.",
                "Start the daemon (sudo systemctl start docker) or point DOCKER_HOST at the right socket.",
                endpoint.Uri.ToString());
        }
    }
}
