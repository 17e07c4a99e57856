using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using KcmCompose.IO;

namespace KcmCompose.Docker;

internal sealed partial class ComposeServiceUpdater
{
    /// <summary>
    /// Bind-mounted host files changed after the container started. A file written in place is seen by the
    /// container at once and a reload suffices; a file replaced by rename (an atomic write) leaves the container
    /// on the old inode, which only a restart re-resolves. The container's view is read through the archive API.
    /// </summary>
    private async Task<ImmutableArray<ConfigurationDifference>> MountedFileChangesAsync(
        ContainerInspectResponse inspect, DesiredService desired, CancellationToken cancellationToken)
    {
        if (!DateTimeOffset.TryParse(inspect.State?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var startedAt))
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ConfigurationDifference>();
        foreach (var mount in desired.Mounts.Where(m => m.Type == MountKind.Bind && m.Source is not null))
        {
            var source = mount.Source!;
            var bound = inspect.Mounts?.FirstOrDefault(m => m.Destination == mount.Target && m.Source == source);
            if (bound is null)
            {
                continue; // a different mount: the configuration comparison reports it
            }

            if (File.Exists(source))
            {
                if (File.GetLastWriteTimeUtc(source) <= startedAt.UtcDateTime)
                {
                    continue;
                }

                var seen = inspect.State?.Running == true
                    ? await ReadContainerFileAsync(inspect, mount.Target, cancellationToken).ConfigureAwait(false)
                    : null;
                var current = await ReadHostFileAsync(source, cancellationToken).ConfigureAwait(false);
                var actual = seen is null || current is null ? ContainerComparison.UnknownContent
                    : seen.AsSpan().SequenceEqual(current) ? ContainerComparison.ChangedSinceStart
                    : ContainerComparison.StaleContent;
                result.Add(new(ConfigurationAspect.MountedFileContent, mount.Target, source, actual));
            }
            else if (Directory.Exists(source))
            {
                var changed = Directory.EnumerateFileSystemEntries(source)
                    .Where(entry => File.GetLastWriteTimeUtc(entry) > startedAt.UtcDateTime)
                    .Select(Path.GetFileName)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (changed.Count > 0 || Directory.GetLastWriteTimeUtc(source) > startedAt.UtcDateTime)
                {
                    result.Add(new(ConfigurationAspect.MountedFileContent, mount.Target, source,
                        ContainerComparison.ChangedSinceStart + (changed.Count > 0 ? $": {string.Join(", ", changed)}" : string.Empty)));
                }
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The bind source's bytes, or null when it is not a regular file within the limit (a FIFO is never opened).</summary>
    private static async Task<byte[]?> ReadHostFileAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            return await InputFile.ReadAllBytesAsync(source, InputFileKind.MountedFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The file at <paramref name="path"/> as the container's process sees it, or null when that cannot be told.
    /// The archive API (docker cp) is no use here: it re-resolves bind sources from the host path. So the file is
    /// read through the container's mount namespace (<c>/proc/PID/root</c>, when the daemon is local and readable),
    /// else with <c>cat</c> run inside the container.
    /// </summary>
    private async Task<byte[]?> ReadContainerFileAsync(ContainerInspectResponse inspect, string path, CancellationToken cancellationToken)
    {
        if (inspect.State?.Pid is > 0 and var pid && _connection.Endpoint.Uri.Scheme == "unix")
        {
            try
            {
                return await InputFile.ReadAllBytesAsync($"/proc/{pid}/root{path}", InputFileKind.MountedFile, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // not local, or not ours to read: ask the container
            }
        }

        try
        {
            var exec = await Client.Exec.CreateContainerExecAsync(
                inspect.ID,
                new ContainerExecCreateParameters { Cmd = ["cat", path], AttachStdout = true, AttachStderr = true },
                cancellationToken).ConfigureAwait(false);
            using var stream = await Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), cancellationToken).ConfigureAwait(false);
            using var output = new MemoryStream();
            using var errors = new MemoryStream();
            await stream.CopyOutputToAsync(Stream.Null, output, errors, cancellationToken).ConfigureAwait(false);
            var done = await Client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
            return done.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (Exception exception) when (exception is DockerApiException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}
