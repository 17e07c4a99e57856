using Docker.DotNet.Models;

namespace KcmCompose.Docker;

internal sealed partial class ComposeServiceUpdater
{
    /// <summary>Put in the name of an old container while its replacement is proven: <c>NAME-kcm-old-SHORTID</c>.</summary>
    internal const string AsideMarker = "-kcm-old-";

    /// <summary>The name a container had before it was renamed aside, however often that happened (<c>a-kcm-old-1-kcm-old-2</c> gives <c>a</c>).</summary>
    internal static string NameBeforeAside(string name)
    {
        var marker = name.IndexOf(AsideMarker, StringComparison.Ordinal);
        return marker > 0 ? name[..marker] : name;
    }

    /// <summary>Whether <paramref name="name"/> is that of a container renamed aside by a recreate.</summary>
    internal static bool IsAside(string name) => name.IndexOf(AsideMarker, StringComparison.Ordinal) > 0;

    /// <summary>
    /// Replaces the container: the old one is renamed aside and kept until the new one (same name, Compose
    /// labels, networks and aliases, the file's image, environment, mounts, ports and restart policy) runs and is
    /// healthy; otherwise the new one is removed and the old one renamed back and started.
    /// </summary>
    private async Task<UpdateResult> RecreateAsync(ServiceTarget target, ComposeContainer container, DesiredService desired, OperationDeadline deadline)
    {
        var token = deadline.Token;
        var name = NameBeforeAside(container.Name);
        var asideName = $"{name}{AsideMarker}{container.ShortId}";
        var wasRunning = false;
        string? newId = null;
        var renamed = false;
        try
        {
            var old = await Call(() => Client.Containers.InspectContainerAsync(container.Id, token)).ConfigureAwait(false);
            var oldImage = await InspectImageOrNullAsync(old.Image, token).ConfigureAwait(false);
            wasRunning = old.State?.Running == true;

            Report($"Renaming {name} to {asideName} (kept until the new container is proven)...");
            await Call(() => Client.Containers.RenameContainerAsync(container.Id, new ContainerRenameParameters { NewName = asideName }, token)).ConfigureAwait(false);
            renamed = true;
            _options.AfterRecreateStep?.Invoke(RecreateStep.RenamedAside);

            Report($"Creating the new {name} from the file's configuration...");
            var parameters = RecreateParameters.Build(old, oldImage, desired, target.Project, name, _options.ConfigHash);
            var created = await Call(() => Client.Containers.CreateContainerAsync(parameters, token)).ConfigureAwait(false);
            newId = created.ID;
            foreach (var (network, endpoint) in RecreateParameters.ExtraNetworks(old))
            {
                await Call(() => Client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = newId, EndpointConfig = endpoint }, token)).ConfigureAwait(false);
            }

            _options.AfterRecreateStep?.Invoke(RecreateStep.Created);
            if (wasRunning)
            {
                Report($"Stopping the old container (stop timeout {_options.StopTimeout.TotalSeconds:0}s)...");
                await Call(() => Client.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, _options.StopTimeout.TotalSeconds) }, token)).ConfigureAwait(false);
            }

            _options.AfterRecreateStep?.Invoke(RecreateStep.StoppedOld);
            Report($"Starting the new container {newId[..12]}...");
            await Call(() => Client.Containers.StartContainerAsync(newId, new ContainerStartParameters(), token)).ConfigureAwait(false);
            _options.AfterRecreateStep?.Invoke(RecreateStep.Started);
            var failure = await WaitUntilStartedAsync(newId, previousStartedAt: null, previousRestartCount: 0, token).ConfigureAwait(false);
            if (failure is null)
            {
                Report($"Removing the old container {asideName}...");
                await Call(() => Client.Containers.RemoveContainerAsync(container.Id, new ContainerRemoveParameters { Force = true }, token)).ConfigureAwait(false);
                return new UpdateResult(target, ApplyAction.Recreate, UpdateOutcome.Recreated, newId, $"Recreated {name} ({container.ShortId} -> {newId[..12]}).");
            }

            var logs = await TailLogsAsync(newId, CancellationToken.None).ConfigureAwait(false);
            var restored = await RollBackAsync(container.Id, newId, name, wasRunning).ConfigureAwait(false);
            return new UpdateResult(
                target,
                ApplyAction.Recreate,
                restored is null ? UpdateOutcome.RolledBack : UpdateOutcome.Failed,
                restored is null ? container.Id : newId,
                $"The new {name} failed: {failure}. " + (restored is null ? "The old container runs again with its old configuration." : $"Rolling back failed too: {restored}"))
            { FailureLogs = logs };
        }
        catch (Exception exception) when (exception is OperationCanceledException or DockerException)
        {
            if (renamed)
            {
                var logs = newId is null ? [] : await TailLogsAsync(newId, CancellationToken.None).ConfigureAwait(false);
                var restored = await RollBackAsync(container.Id, newId, name, wasRunning).ConfigureAwait(false);
                var why = exception is OperationCanceledException
                    ? deadline.Expired ? $"timed out after {_options.Timeout.TotalSeconds:0.#}s" : "cancelled"
                    : exception.Message;
                return new UpdateResult(
                    target,
                    ApplyAction.Recreate,
                    restored is null ? UpdateOutcome.RolledBack : UpdateOutcome.Failed,
                    restored is null ? container.Id : newId ?? container.Id,
                    $"Recreating {name} failed ({why}). " + (restored is null ? "The old container runs again with its old configuration." : $"Rolling back failed too: {restored}"))
                { FailureLogs = logs };
            }

            if (exception is OperationCanceledException && deadline.Expired)
            {
                throw TimedOut($"recreating {name}");
            }

            throw;
        }
    }

    /// <summary>Removes the new container and puts the old one back under its name; returns why that failed, or null.</summary>
    private async Task<string?> RollBackAsync(string oldId, string? newId, string name, bool start)
    {
        // Rolling back must finish even when the caller cancelled or the deadline passed: it gets its own time limit.
        using var limit = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
        try
        {
            if (newId is not null)
            {
                Report($"Removing the failed new container {newId[..12]}...");
                await Call(() => Client.Containers.RemoveContainerAsync(newId, new ContainerRemoveParameters { Force = true }, limit.Token)).ConfigureAwait(false);
            }

            Report($"Restoring the old container as {name}...");
            await Call(() => Client.Containers.RenameContainerAsync(oldId, new ContainerRenameParameters { NewName = name }, limit.Token)).ConfigureAwait(false);
            if (start)
            {
                var before = await Call(() => Client.Containers.InspectContainerAsync(oldId, limit.Token)).ConfigureAwait(false);
                if (before.State?.Running != true)
                {
                    await Call(() => Client.Containers.StartContainerAsync(oldId, new ContainerStartParameters(), limit.Token)).ConfigureAwait(false);
                    var failure = await WaitUntilStartedAsync(oldId, before.State?.StartedAt, before.RestartCount, limit.Token).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        return $"the old container did not come back: {failure}";
                    }
                }
            }

            return null;
        }
        catch (Exception exception) when (exception is OperationCanceledException or DockerException)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// Leaves the service with one container under its own name when an earlier recreate was interrupted (the
    /// process killed between renaming the old container aside and removing it): when the container under the
    /// service's name runs and proves itself, the aside ones are removed (the recreate is finished); otherwise it
    /// is removed and the old one is renamed back (rolled back). The plan that follows starts or recreates it.
    /// </summary>
    private Task<bool> RecoverInterruptedRecreateAsync(ServiceTarget target, OperationDeadline deadline) =>
        WithinAsync(deadline, $"cleaning up an interrupted recreate of {target}", async token =>
        {
            var all = await ComposeContainers.ListAsync(_connection, target.Project, token).ConfigureAwait(false);
            var service = all.Where(c => c.Service == target.Service).ToList();
            var leftovers = service.Where(c => IsAside(c.Name)).GroupBy(c => NameBeforeAside(c.Name), StringComparer.Ordinal).ToList();
            foreach (var group in leftovers)
            {
                var name = group.Key;
                var aside = group.ToList();
                var current = service.FirstOrDefault(c => c.Name == name)
                    ?? service.FirstOrDefault(c => !IsAside(c.Name) && c.IsRunning);
                string? failure = "nothing runs under the service's name";
                if (current is not null && current.IsRunning)
                {
                    var inspect = await Call(() => Client.Containers.InspectContainerAsync(current.Id, token)).ConfigureAwait(false);
                    failure = await WaitUntilStartedAsync(current.Id, previousStartedAt: null, inspect.RestartCount, token).ConfigureAwait(false);
                }

                if (failure is null)
                {
                    Report($"An earlier recreate of {name} was interrupted after the new container started; it runs, so removing the old {string.Join(", ", aside.Select(c => c.Name))}...");
                    foreach (var old in aside)
                    {
                        await Call(() => Client.Containers.RemoveContainerAsync(old.Id, new ContainerRemoveParameters { Force = true }, token)).ConfigureAwait(false);
                    }

                    continue;
                }

                // The least nested, running one first: the container that ran before the interrupted recreate.
                var keep = aside.OrderByDescending(c => c.IsRunning).ThenBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal).First();
                Report($"An earlier recreate of {name} was interrupted ({failure}); putting the old container {keep.Name} back as {name}...");
                if (current is not null && current.Name == name)
                {
                    await Call(() => Client.Containers.RemoveContainerAsync(current.Id, new ContainerRemoveParameters { Force = true }, token)).ConfigureAwait(false);
                }

                await Call(() => Client.Containers.RenameContainerAsync(keep.Id, new ContainerRenameParameters { NewName = name }, token)).ConfigureAwait(false);
                foreach (var extra in aside.Where(c => c.Id != keep.Id))
                {
                    await Call(() => Client.Containers.RemoveContainerAsync(extra.Id, new ContainerRemoveParameters { Force = true }, token)).ConfigureAwait(false);
                }
            }

            return leftovers.Count > 0;
        });
}
