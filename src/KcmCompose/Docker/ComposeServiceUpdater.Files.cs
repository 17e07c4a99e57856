using System.Collections.Immutable;
using System.Formats.Tar;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

public sealed partial class ComposeServiceUpdater
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
                    ? await ReadContainerFileAsync(inspect.ID, mount.Target, cancellationToken).ConfigureAwait(false)
                    : null;
                var current = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
                var stale = seen is not null && !seen.AsSpan().SequenceEqual(current);
                result.Add(new(ConfigurationAspect.MountedFileContent, mount.Target, source,
                    stale ? ContainerComparison.StaleContent : ContainerComparison.ChangedSinceStart));
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

    /// <summary>The file at <paramref name="path"/> as the container sees it, or null when it cannot be read.</summary>
    private async Task<byte[]?> ReadContainerFileAsync(string id, string path, CancellationToken cancellationToken)
    {
        try
        {
            var archive = await Client.Containers.GetArchiveFromContainerAsync(
                id, new ContainerPathStatParameters { Path = path }, statOnly: false, cancellationToken).ConfigureAwait(false);
            if (archive.Stream is not { } stream)
            {
                return null;
            }

            using var owned = stream;
            using var reader = new TarReader(stream);
            var entry = await reader.GetNextEntryAsync(copyData: true, cancellationToken).ConfigureAwait(false);
            if (entry?.DataStream is null)
            {
                return null;
            }

            using var buffer = new MemoryStream();
            await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (Exception exception) when (exception is DockerApiException or InvalidDataException or IOException)
        {
            return null;
        }
    }
}
