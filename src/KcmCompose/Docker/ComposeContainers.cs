using System.Collections.Immutable;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>Finds the containers of a Compose project by the labels Compose sets (one-off containers excluded).</summary>
internal static class ComposeContainers
{
    /// <summary>Every container of <paramref name="project"/>, running or not, ordered by service then name.</summary>
    public static async Task<ImmutableArray<ComposeContainer>> ListAsync(
        DockerConnection connection, string project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(project);
        IList<ContainerListResponse> found;
        try
        {
            found = await connection.Client.Containers.ListContainersAsync(
                new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>>
                    {
                        ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={project}"] = true },
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw DockerErrors.Translate(exception, connection.Endpoint);
        }

        return found
            .Where(c => c.Labels is null || !c.Labels.TryGetValue(ComposeLabels.OneOff, out var oneOff)
                || !string.Equals(oneOff, "True", StringComparison.OrdinalIgnoreCase))
            .Select(ToContainer)
            .OrderBy(c => c.Service, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>The container of <paramref name="target"/>; a running one is preferred when there are several.</summary>
    /// <exception cref="DockerException">With <see cref="DockerFailure.ServiceNotFound"/>, naming the containers the project has.</exception>
    public static async Task<ComposeContainer> FindAsync(
        DockerConnection connection, ServiceTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var all = await ListAsync(connection, target.Project, cancellationToken).ConfigureAwait(false);
        // A running container first; one renamed aside by an interrupted recreate only when nothing else is left.
        var match = all.Where(c => c.Service == target.Service)
            .OrderByDescending(c => c.IsRunning)
            .ThenBy(c => c.Name.Contains(ComposeServiceUpdater.AsideMarker, StringComparison.Ordinal))
            .FirstOrDefault();
        if (match is not null)
        {
            return match;
        }

        var others = all.IsEmpty
            ? "the project has no containers at all"
            : "the project has " + string.Join(", ", all.Select(c => $"{c.Service} ({c.Name}, {c.State})"));
        throw new DockerException(
            DockerFailure.ServiceNotFound,
            $"No container for service '{target.Service}' in Compose project '{target.Project}' on {connection.Endpoint.Uri}: {others}.",
            all.IsEmpty
                ? "Start the stack first (docker compose up -d), or give the right project name with --project."
                : "Give the right service with --service, or start it first (docker compose up -d).",
            connection.Endpoint.Uri.ToString());
    }

    private static ComposeContainer ToContainer(ContainerListResponse c)
    {
        var labels = (c.Labels ?? new Dictionary<string, string>()).ToImmutableDictionary(StringComparer.Ordinal);
        var name = c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID;
        return new ComposeContainer(
            c.ID,
            name,
            labels.GetValueOrDefault(ComposeLabels.Project, string.Empty),
            labels.GetValueOrDefault(ComposeLabels.Service, string.Empty),
            c.Image ?? string.Empty,
            c.State ?? string.Empty,
            labels);
    }
}
