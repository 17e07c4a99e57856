using System.Collections.Immutable;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>Creating the new objects, updating the spec, waiting for the rolling update, rolling back and cleaning up.</summary>
internal sealed partial class SwarmServiceUpdater
{
    /// <summary>How long a rollback and its clean-up may take once the operation's own limit has passed.</summary>
    private static readonly TimeSpan RollbackAllowance = TimeSpan.FromSeconds(60);

    private async Task<UpdateResult> RollOutAsync(SwarmPlan plan, SwarmDesiredService desired, ServiceTarget target, string rolling, OperationDeadline deadline)
    {
        var created = new List<SwarmObject>();
        var used = new Dictionary<SwarmFile, SwarmObject>();
        try
        {
            foreach (var file in plan.Changed)
            {
                var (swarmObject, isNew) = await EnsureObjectAsync(file, desired.Stack, deadline).ConfigureAwait(false);
                used[file] = swarmObject;
                if (isNew)
                {
                    created.Add(swarmObject);
                }
            }

            var spec = plan.Service.Spec ?? throw new DockerException($"Swarm returned service {desired.SwarmName} without a spec.");
            spec.TaskTemplate ??= new TaskSpec();
            var container = spec.TaskTemplate.ContainerSpec ??= new ContainerSpec();
            container.Env = [.. desired.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")];
            foreach (var (file, swarmObject) in used)
            {
                if (file.Kind == SwarmFileKind.Config)
                {
                    container.Configs = [.. (container.Configs ?? []).Where(c => !Targets(c.File?.Name, file)), new SwarmConfigReference
                    {
                        ConfigID = swarmObject.Id,
                        ConfigName = swarmObject.Name,
                        File = new ConfigReferenceFileTarget { Name = file.Target, UID = file.Uid, GID = file.Gid, Mode = file.Mode },
                    }];
                }
                else
                {
                    container.Secrets = [.. (container.Secrets ?? []).Where(s => !Targets(s.File?.Name, file)), new SecretReference
                    {
                        SecretID = swarmObject.Id,
                        SecretName = swarmObject.Name,
                        File = new SecretReferenceFileTarget { Name = file.Target, UID = file.Uid, GID = file.Gid, Mode = file.Mode },
                    }];
                }
            }

            var parameters = new ServiceUpdateParameters { Service = spec, Version = (long)(plan.Service.Version?.Index ?? 0) };
            await CallAsync(d => Client.Swarm.UpdateServiceAsync(plan.Service.ID, parameters, d), deadline, "updating service " + desired.SwarmName).ConfigureAwait(false);
        }
        catch
        {
            await RemoveAsync(created, deadline.CallerToken).ConfigureAwait(false);
            throw;
        }

        var wanted = used.Values.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var failure = await WaitAsync(plan.Service.ID, desired.SwarmName, wanted, deadline).ConfigureAwait(false);
        if (failure is null)
        {
            var removed = await RemoveUnusedVersionsAsync(desired.Stack, plan.Changed, wanted, deadline).ConfigureAwait(false);
            var tasks = await RunningTasksAsync(plan.Service.ID, deadline).ConfigureAwait(false);
            return new UpdateResult(
                target,
                ApplyAction.Recreate,
                UpdateOutcome.Recreated,
                plan.Service.ID,
                $"Updated service {desired.SwarmName}; {rolling}; every task now runs the new spec: {string.Join(", ", tasks.Select(DescribeTask))}."
                + (removed.Count > 0 ? $" Removed unused {string.Join(", ", removed)}." : string.Empty));
        }

        // Failed: the old spec back, and nothing we made left behind.
        using var allowance = new CancellationTokenSource(RollbackAllowance, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(allowance.Token, deadline.CallerToken);
        var logs = await FailedTaskErrorsAsync(plan.Service.ID, linked.Token).ConfigureAwait(false);
        var restored = await EnsureRolledBackAsync(plan.Service.ID, linked.Token).ConfigureAwait(false);
        var leftOver = await RemoveAsync(created, linked.Token).ConfigureAwait(false);
        return new UpdateResult(
            target,
            ApplyAction.Recreate,
            restored ? UpdateOutcome.RolledBack : UpdateOutcome.Failed,
            plan.Service.ID,
            $"The update of service {desired.SwarmName} failed ({failure}; {rolling}); "
            + (restored ? "it was rolled back to the previous spec" : "the rollback did not finish: check 'docker service ps " + desired.SwarmName + "'")
            + (leftOver.Count == 0 ? (created.Count > 0 ? $" and the new {string.Join(", ", created.Select(c => c.Name))} removed." : ".") : $"; could not remove {string.Join(", ", leftOver)}."))
        {
            FailureLogs = logs,
        };
    }

    /// <summary>Creates the versioned object, or finds it when it exists already (same name: same content hash).</summary>
    private async Task<(SwarmObject Object, bool IsNew)> EnsureObjectAsync(SwarmFile file, string stack, OperationDeadline deadline)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SwarmObjectNames.StackNamespaceLabel] = stack,
            [SwarmObjectNames.ContentHashLabel] = file.Hash,
        };
        try
        {
            options.Progress?.Report($"Creating {Describe(file.Kind)} {file.Name}...");
            var id = file.Kind == SwarmFileKind.Config
                ? (await Client.Configs.CreateConfigAsync(new SwarmCreateConfigParameters { Config = new SwarmConfigSpec { Name = file.Name, Labels = labels, Data = file.Content } }, deadline.Token).ConfigureAwait(false)).ID
                : (await Client.Secrets.CreateAsync(new SwarmSecretSpec { Name = file.Name, Labels = labels, Data = file.Content }, deadline.Token).ConfigureAwait(false)).ID;
            return (new SwarmObject(file.Kind, id, file.Name), true);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await ListAsync(file.Kind, deadline.Token).ConfigureAwait(false);
            return (existing.First(o => o.Object.Name == file.Name).Object, false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw TimedOut(deadline, $"creating {Describe(file.Kind)} {file.Name}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw DockerErrors.Translate(e, connection.Endpoint);
        }
    }

    /// <summary>Polls until every running task uses the new objects (null), or the update failed or timed out (the reason).</summary>
    private async Task<string?> WaitAsync(string serviceId, string name, HashSet<string> wanted, OperationDeadline deadline)
    {
        try
        {
            while (true)
            {
                var service = await Client.Swarm.InspectServiceAsync(serviceId, deadline.Token).ConfigureAwait(false);
                var state = service.UpdateStatus?.State;
                switch (state)
                {
                    case "paused" or "rollback_started" or "rollback_paused" or "rollback_completed":
                        return $"Swarm reports '{state}': {service.UpdateStatus?.Message}";
                    case "completed":
                        var tasks = await RunningTasksAsync(serviceId, deadline).ConfigureAwait(false);
                        var replicas = service.Spec?.Mode?.Replicated?.Replicas;
                        if (tasks.All(t => t.Status?.State == TaskState.Running && UsesAll(t, wanted))
                            && (replicas is null || (ulong)tasks.Length == replicas))
                        {
                            return null;
                        }

                        break;
                    default:
                        break;
                }

                await Task.Delay(options.PollInterval, options.TimeProvider, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return $"not finished within {deadline.Timeout.TotalSeconds:0.#}s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            options.Progress?.Report($"Lost track of the update of {name}: {e.Message}");
            return DockerErrors.Translate(e, connection.Endpoint).Message;
        }
    }

    private static bool UsesAll(TaskResponse task, HashSet<string> wanted)
    {
        var container = task.Spec?.ContainerSpec;
        var ids = (container?.Configs ?? []).Select(c => c.ConfigID).Concat((container?.Secrets ?? []).Select(s => s.SecretID));
        return wanted.IsSubsetOf(ids);
    }

    /// <summary>Asks for a rollback unless Swarm is doing or did one, then waits for it to complete.</summary>
    private async Task<bool> EnsureRolledBackAsync(string serviceId, CancellationToken cancellationToken)
    {
        try
        {
            var service = await Client.Swarm.InspectServiceAsync(serviceId, cancellationToken).ConfigureAwait(false);
            if (service.UpdateStatus?.State is not ("rollback_started" or "rollback_completed"))
            {
                options.Progress?.Report($"Rolling {service.Spec?.Name} back to the previous spec...");
                var parameters = new ServiceUpdateParameters { Service = service.Spec ?? new ServiceSpec(), Version = (long)(service.Version?.Index ?? 0), Rollback = "previous" };
                await Client.Swarm.UpdateServiceAsync(serviceId, parameters, cancellationToken).ConfigureAwait(false);
            }

            while (true)
            {
                service = await Client.Swarm.InspectServiceAsync(serviceId, cancellationToken).ConfigureAwait(false);
                switch (service.UpdateStatus?.State)
                {
                    case "rollback_completed":
                        return true;
                    case "rollback_paused":
                        return false;
                    default:
                        await Task.Delay(options.PollInterval, options.TimeProvider, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or HttpRequestException or IOException)
        {
            options.Progress?.Report($"Rollback not confirmed: {e.Message}");
            return false;
        }
    }

    /// <summary>Removes <paramref name="objects"/>, retrying while a task that is shutting down still holds one; returns the names left.</summary>
    private async Task<List<string>> RemoveAsync(IReadOnlyCollection<SwarmObject> objects, CancellationToken cancellationToken)
    {
        var left = new List<string>();
        foreach (var swarmObject in objects)
        {
            var removed = false;
            for (var attempt = 0; attempt < 50 && !removed && !cancellationToken.IsCancellationRequested; attempt++)
            {
                try
                {
                    await RemoveOneAsync(swarmObject, cancellationToken).ConfigureAwait(false);
                    removed = true;
                }
                catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                    removed = true;
                }
                catch (DockerApiException)
                {
                    await Task.Delay(options.PollInterval * 2, options.TimeProvider, CancellationToken.None).ConfigureAwait(false);
                }
            }

            if (!removed)
            {
                left.Add(swarmObject.Name);
            }
        }

        return left;
    }

    private Task RemoveOneAsync(SwarmObject swarmObject, CancellationToken cancellationToken) => swarmObject.Kind == SwarmFileKind.Config
        ? Client.Configs.RemoveConfigAsync(swarmObject.Id, cancellationToken)
        : Client.Secrets.DeleteAsync(swarmObject.Id, cancellationToken);

    /// <summary>After a success: removes older versions of the changed keys that carry the stack's label and no service uses.</summary>
    private async Task<List<string>> RemoveUnusedVersionsAsync(string stack, ImmutableArray<SwarmFile> changed, HashSet<string> keep, OperationDeadline deadline)
    {
        var removed = new List<string>();
        try
        {
            var services = await Client.Swarm.ListServicesAsync(new ServiceListParameters(), deadline.Token).ConfigureAwait(false);
            var inUse = services
                .Select(s => s.Spec?.TaskTemplate?.ContainerSpec)
                .SelectMany(c => (c?.Configs ?? []).Select(r => r.ConfigID).Concat((c?.Secrets ?? []).Select(r => r.SecretID)))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var kind in changed.Select(f => f.Kind).Distinct())
            {
                var prefixes = changed.Where(f => f.Kind == kind).Select(f => f.Prefix).ToList();
                foreach (var (swarmObject, labels) in await ListAsync(kind, deadline.Token).ConfigureAwait(false))
                {
                    if (keep.Contains(swarmObject.Id) || inUse.Contains(swarmObject.Id)
                        || labels is null || !labels.TryGetValue(SwarmObjectNames.StackNamespaceLabel, out var namespaceLabel) || namespaceLabel != stack
                        || !prefixes.Any(p => SwarmObjectNames.IsVersionOf(swarmObject.Name, p)))
                    {
                        continue;
                    }

                    if ((await RemoveAsync([swarmObject], deadline.Token).ConfigureAwait(false)).Count == 0)
                    {
                        removed.Add($"{Describe(kind)} {swarmObject.Name}");
                    }
                }
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            options.Progress?.Report($"Could not remove the old versions: {e.Message}");
        }

        return removed;
    }

    private async Task<List<(SwarmObject Object, IDictionary<string, string>? Labels)>> ListAsync(SwarmFileKind kind, CancellationToken cancellationToken)
    {
        if (kind == SwarmFileKind.Config)
        {
            var configs = await Client.Configs.ListConfigsAsync(cancellationToken).ConfigureAwait(false);
            return [.. configs.Select(c => (new SwarmObject(kind, c.ID, c.Spec?.Name ?? string.Empty), c.Spec?.Labels))];
        }

        var secrets = await Client.Secrets.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. secrets.Select(s => (new SwarmObject(kind, s.ID, s.Spec?.Name ?? string.Empty), s.Spec?.Labels))];
    }

    /// <summary>
    /// The distinct errors of the service's failed tasks and of tasks the scheduler cannot place (a host-mode port taken
    /// on every node), newest first, then the newest failed container's last log lines.
    /// </summary>
    private async Task<ImmutableArray<string>> FailedTaskErrorsAsync(string serviceId, CancellationToken cancellationToken)
    {
        try
        {
            var parameters = new TasksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [serviceId] = true } },
            };
            var tasks = await Client.Tasks.ListAsync(parameters, cancellationToken).ConfigureAwait(false);
            var failed = tasks
                .Where(t => t.Status?.State is TaskState.Failed or TaskState.Rejected or TaskState.Pending && !string.IsNullOrEmpty(t.Status.Err))
                .OrderByDescending(t => t.Status!.Timestamp)
                .ToList();
            var lines = failed.Select(t => $"task {t.ID[..Math.Min(12, t.ID.Length)]}: {t.Status!.Err}").Distinct(StringComparer.Ordinal).Take(3).ToList();
            if (failed.FirstOrDefault(t => !string.IsNullOrEmpty(t.Status?.ContainerStatus?.ContainerID)) is { } newest)
            {
                // The container of a task on this node is still there: its last lines say why (nginx: [emerg] ...).
                lines.AddRange(await new ComposeServiceUpdater(connection, options).TailLogsAsync(newest.Status!.ContainerStatus!.ContainerID, cancellationToken).ConfigureAwait(false));
            }

            return [.. lines];
        }

        catch (Exception e) when (e is OperationCanceledException or DockerApiException or HttpRequestException or IOException)
        {
            return [];
        }
    }

    private static string Describe(SwarmFileKind kind) => kind == SwarmFileKind.Config ? "config" : "secret";

    private sealed record SwarmObject(SwarmFileKind Kind, string Id, string Name);
}
