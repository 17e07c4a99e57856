using System.Collections.Immutable;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>
/// Brings one Swarm service in line with its stack file through the Engine API: new content goes into a new
/// versioned config or secret, the service spec is pointed at it, and Swarm replaces the tasks as the service's
/// <c>update_config</c> says (one by one, start-first for the KCM proxy). A failed update is rolled back (by Swarm,
/// or here when Swarm only paused) and the objects made for it are removed; after a success the stack's older
/// versions that no service uses any more are removed.
/// </summary>
internal sealed partial class SwarmServiceUpdater(DockerConnection connection, UpdateOptions options)
{
    private IDockerClient Client => connection.Client;

    /// <summary>Compares the service with the file and, unless a dry run, rolls the difference out.</summary>
    public async Task<UpdateResult> ApplyAsync(SwarmDesiredService desired, OperationDeadline deadline)
    {
        var plan = await PlanAsync(desired, deadline).ConfigureAwait(false);
        var target = new ServiceTarget(desired.Stack, desired.Service);
        if (plan.Differences.IsEmpty)
        {
            return new UpdateResult(target, ApplyAction.None, UpdateOutcome.Unchanged, plan.Service.ID, $"Service {desired.SwarmName} already matches the file.");
        }

        var tasks = plan.Tasks.IsEmpty ? "no running task" : string.Join(", ", plan.Tasks.Select(DescribeTask));
        var order = plan.Service.Spec?.UpdateConfig?.Order ?? "stop-first";
        var parallelism = plan.Service.Spec?.UpdateConfig?.Parallelism is { } p and > 0 ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all";
        var rolling = $"tasks to replace ({order}, {parallelism} at a time): {tasks}";
        if (options.DryRun)
        {
            return new UpdateResult(target, ApplyAction.Recreate, UpdateOutcome.Planned, plan.Service.ID, $"Would update service {desired.SwarmName}; {rolling}.")
            {
                Differences = plan.Differences,
            };
        }

        options.Progress?.Report($"Rolling update of {desired.SwarmName}: {rolling}");
        return await RollOutAsync(plan, desired, target, rolling, deadline).ConfigureAwait(false) with { Differences = plan.Differences };
    }

    private async Task<SwarmPlan> PlanAsync(SwarmDesiredService desired, OperationDeadline deadline)
    {
        var service = await InspectServiceAsync(desired.SwarmName, deadline).ConfigureAwait(false)
            ?? throw new DockerException(
                DockerFailure.ServiceNotFound,
                $"Swarm has no service {desired.SwarmName} (service '{desired.Service}' of stack '{desired.Stack}').",
                $"Deploy the stack first ('docker stack deploy -c FILE {desired.Stack}'), or pass the stack name it was deployed with.",
                connection.Endpoint.Uri.ToString());
        var container = service.Spec?.TaskTemplate?.ContainerSpec ?? new ContainerSpec();
        var differences = ImmutableArray.CreateBuilder<ConfigurationDifference>();

        var actual = (container.Env ?? []).Select(e => e.Split('=', 2)).ToDictionary(e => e[0], e => e.Length > 1 ? e[1] : string.Empty, StringComparer.Ordinal);
        foreach (var name in actual.Keys.Union(desired.Environment.Keys).Order(StringComparer.Ordinal))
        {
            var expected = desired.Environment.GetValueOrDefault(name);
            var current = actual.GetValueOrDefault(name);
            if (expected != current)
            {
                differences.Add(new ConfigurationDifference(ConfigurationAspect.Environment, name, expected, current));
            }
        }

        var changed = ImmutableArray.CreateBuilder<SwarmFile>();
        foreach (var file in desired.Files)
        {
            var currentName = file.Kind == SwarmFileKind.Config
                ? container.Configs?.FirstOrDefault(c => Targets(c.File?.Name, file))?.ConfigName
                : container.Secrets?.FirstOrDefault(s => Targets(s.File?.Name, file))?.SecretName;
            if (currentName == file.Name || await HoldsContentAsync(file, currentName, deadline).ConfigureAwait(false))
            {
                continue;
            }

            changed.Add(file);
            differences.Add(new ConfigurationDifference(
                file.Kind == SwarmFileKind.Config ? ConfigurationAspect.SwarmConfig : ConfigurationAspect.SwarmSecret, file.Target, file.Name, currentName));
        }

        var tasks = await RunningTasksAsync(service.ID, deadline).ConfigureAwait(false);
        return new SwarmPlan(service, tasks, differences.ToImmutable(), changed.ToImmutable());
    }

    /// <summary>Whether the object the service uses already holds the file's content (a config's data, or our hash label).</summary>
    private async Task<bool> HoldsContentAsync(SwarmFile file, string? currentName, OperationDeadline deadline)
    {
        if (currentName is null)
        {
            return false;
        }

        if (file.Kind == SwarmFileKind.Config)
        {
            var config = await CallAsync(d => Client.Configs.InspectConfigAsync(currentName, d), deadline, "reading config " + currentName).ConfigureAwait(false);
            return config.Spec?.Data is { } data && data.AsSpan().SequenceEqual(file.Content);
        }

        var secret = await CallAsync(d => Client.Secrets.InspectAsync(currentName, d), deadline, "reading secret " + currentName).ConfigureAwait(false);
        return secret.Spec?.Labels?.TryGetValue(SwarmObjectNames.ContentHashLabel, out var hash) == true && hash == file.Hash;
    }

    private async Task<SwarmService?> InspectServiceAsync(string name, OperationDeadline deadline)
    {
        try
        {
            return await Client.Swarm.InspectServiceAsync(name, deadline.Token).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw DockerErrors.Translate(e, connection.Endpoint);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw TimedOut(deadline, "reading service " + name);
        }
    }

    private async Task<ImmutableArray<TaskResponse>> RunningTasksAsync(string serviceId, OperationDeadline deadline)
    {
        var parameters = new TasksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [serviceId] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
            },
        };
        var tasks = await CallAsync(d => Client.Tasks.ListAsync(parameters, d), deadline, "listing the service's tasks").ConfigureAwait(false);
        return [.. tasks.OrderBy(t => t.Slot ?? 0).ThenBy(t => t.ID, StringComparer.Ordinal)];
    }

    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, OperationDeadline deadline, string what)
    {
        try
        {
            return await call(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw TimedOut(deadline, what);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw DockerErrors.Translate(e, connection.Endpoint);
        }
    }

    private DockerException TimedOut(OperationDeadline deadline, string what) => new(
        DockerFailure.Timeout,
        $"Timed out after {deadline.Timeout.TotalSeconds:0.#}s {what} at {connection.Endpoint.Uri}.",
        "Check that the daemon answers ('docker service ls' with the same DOCKER_HOST), or raise --timeout.",
        connection.Endpoint.Uri.ToString());

    /// <summary>
    /// Whether a reference in the spec mounts at the file's target: Swarm keeps a relative target as written
    /// (<c>docker stack deploy</c> writes <c>server.key</c>) and mounts it under <c>/run/secrets/</c>, or <c>/</c> for a config.
    /// </summary>
    internal static bool Targets(string? specName, SwarmFile file) =>
        specName is not null && (specName.StartsWith('/') ? specName : (file.Kind == SwarmFileKind.Secret ? "/run/secrets/" : "/") + specName) == file.Target;

    private static string DescribeTask(TaskResponse task) =>
        $"{task.Slot?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}:{task.ID[..Math.Min(12, task.ID.Length)]} ({task.Status?.State?.ToString().ToLowerInvariant() ?? "unknown"})";

    private sealed record SwarmPlan(SwarmService Service, ImmutableArray<TaskResponse> Tasks, ImmutableArray<ConfigurationDifference> Differences, ImmutableArray<SwarmFile> Changed);
}
