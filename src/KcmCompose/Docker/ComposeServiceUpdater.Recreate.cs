using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

public sealed partial class ComposeServiceUpdater
{
    /// <summary>Put in the name of an old container while its replacement is proven: <c>NAME-kcm-old-SHORTID</c>.</summary>
    internal const string AsideMarker = "-kcm-old-";

    /// <summary>
    /// Replaces the container: the old one is renamed aside and kept until the new one (same name, Compose
    /// labels, networks and aliases, the file's image, environment, mounts, ports and restart policy) runs and is
    /// healthy; otherwise the new one is removed and the old one renamed back and started.
    /// </summary>
    private async Task<UpdateResult> RecreateAsync(ServiceTarget target, ComposeContainer container, DesiredService desired, CancellationToken cancellationToken)
    {
        using var deadline = StartDeadline(cancellationToken);
        var token = deadline.Token;
        var old = await Call(() => Client.Containers.InspectContainerAsync(container.Id, token)).ConfigureAwait(false);
        var oldImage = await InspectImageOrNullAsync(old.Image, token).ConfigureAwait(false);
        var name = old.Name.TrimStart('/');
        var asideName = $"{name}{AsideMarker}{container.ShortId}";
        var wasRunning = old.State?.Running == true;
        string? newId = null;
        var renamed = false;
        try
        {
            Report($"Renaming {name} to {asideName} (kept until the new container is proven)...");
            await Call(() => Client.Containers.RenameContainerAsync(container.Id, new ContainerRenameParameters { NewName = asideName }, token)).ConfigureAwait(false);
            renamed = true;

            Report($"Creating the new {name} from the file's configuration...");
            var parameters = RecreateParameters.Build(old, oldImage, desired, target.Project, name, _options.ConfigHash);
            var created = await Call(() => Client.Containers.CreateContainerAsync(parameters, token)).ConfigureAwait(false);
            newId = created.ID;
            foreach (var (network, endpoint) in RecreateParameters.ExtraNetworks(old))
            {
                await Call(() => Client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters { Container = newId, EndpointConfig = endpoint }, token)).ConfigureAwait(false);
            }

            if (wasRunning)
            {
                Report($"Stopping the old container (stop timeout {_options.StopTimeout.TotalSeconds:0}s)...");
                await Call(() => Client.Containers.StopContainerAsync(container.Id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, _options.StopTimeout.TotalSeconds) }, token)).ConfigureAwait(false);
            }

            Report($"Starting the new container {newId[..12]}...");
            await Call(() => Client.Containers.StartContainerAsync(newId, new ContainerStartParameters(), token)).ConfigureAwait(false);
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
                    ? cancellationToken.IsCancellationRequested ? "cancelled" : $"timed out after {_options.Timeout.TotalSeconds:0}s"
                    : exception.Message;
                return new UpdateResult(
                    target,
                    ApplyAction.Recreate,
                    restored is null ? UpdateOutcome.RolledBack : UpdateOutcome.Failed,
                    restored is null ? container.Id : newId ?? container.Id,
                    $"Recreating {name} failed ({why}). " + (restored is null ? "The old container runs again with its old configuration." : $"Rolling back failed too: {restored}"))
                { FailureLogs = logs };
            }

            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut($"recreating {name}");
            }

            throw;
        }
    }

    /// <summary>Removes the new container and puts the old one back under its name; returns why that failed, or null.</summary>
    private async Task<string?> RollBackAsync(string oldId, string? newId, string name, bool start)
    {
        // Rolling back must finish even when the caller cancelled: it gets its own time limit.
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
}
