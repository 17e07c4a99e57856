using System.Net.Sockets;
using System.Security.Authentication;
using Docker.DotNet;

namespace KcmCompose.Docker;

/// <summary>Turns transport and daemon errors into <see cref="DockerException"/>s that say what to do.</summary>
internal static class DockerErrors
{
    public static DockerException Translate(Exception exception, DockerEndpoint endpoint)
    {
        if (exception is DockerException docker)
        {
            return docker;
        }

        var where = endpoint.Uri.ToString();
        var socket = Find<SocketException>(exception);
        if (socket?.SocketErrorCode == SocketError.AccessDenied
            || Find<UnauthorizedAccessException>(exception) is not null
            || (exception.Message.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)))
        {
            return new DockerException(
                DockerFailure.PermissionDenied,
                $"Permission denied opening the Docker socket {where}.",
                "Run as a user in the 'docker' group (sudo usermod -aG docker $USER, then log in again) or with sudo.",
                where,
                exception);
        }

        if (Find<AuthenticationException>(exception) is { } tls)
        {
            return new DockerException(
                DockerFailure.TlsFailure,
                $"TLS handshake with the Docker daemon at {where} failed: {tls.Message}",
                "Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and that the daemon's certificate names this host.",
                where,
                exception);
        }

        if (socket is not null || Find<HttpRequestException>(exception) is not null || exception is TimeoutException or TaskCanceledException)
        {
            return new DockerException(
                DockerFailure.Unreachable,
                $"Cannot connect to the Docker daemon at {where}: {Innermost(exception).Message}",
                "Is the daemon running? Start it (sudo systemctl start docker) or fix DOCKER_HOST.",
                where,
                exception);
        }

        if (exception is DockerApiException api)
        {
            return new DockerException(
                DockerFailure.DaemonError,
                $"The Docker daemon at {where} refused the request ({(int)api.StatusCode} {api.StatusCode}): {api.ResponseBody?.Trim()}",
                "Read the daemon's message above; 'docker info' shows the daemon's state.",
                where,
                exception);
        }

        return new DockerException(
            DockerFailure.DaemonError,
            $"Docker request to {where} failed: {exception.Message}",
            "Check that 'docker info' works with the same DOCKER_HOST.",
            where,
            exception);
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    if (Find<T>(inner) is { } found)
                    {
                        return found;
                    }
                }
            }
        }

        return null;
    }

    private static Exception Innermost(Exception exception)
    {
        var current = exception;
        while (current.InnerException is not null)
        {
            current = current.InnerException;
        }

        return current;
    }
}
