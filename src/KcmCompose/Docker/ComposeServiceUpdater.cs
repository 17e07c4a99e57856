using System.Collections.Immutable;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace KcmCompose.Docker;

/// <summary>
/// Restarts, reloads or recreates the container of one Compose service so that it matches the file, waiting
/// until it runs (and is healthy), and putting the old container back when a new one fails.
/// </summary>
internal sealed partial class ComposeServiceUpdater
{
    private readonly DockerConnection _connection;
    private readonly UpdateOptions _options;

    /// <summary>Creates an updater over an open connection.</summary>
    public ComposeServiceUpdater(DockerConnection connection, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _options = options ?? new UpdateOptions();
        if (_options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Timeout, "Timeout must be more than zero.");
        }
    }

    private IDockerClient Client => _connection.Client;

    /// <summary>Finds the service's container and compares it with <paramref name="desired"/>.</summary>
    /// <exception cref="DockerException">The daemon failed, the service has no container, or <see cref="UpdateOptions.Timeout"/> passed.</exception>
    public async Task<ApplyPlan> PlanAsync(ServiceTarget target, DesiredService desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(desired);
        using var deadline = StartDeadline(cancellationToken);
        return await PlanAsync(target, desired, deadline).ConfigureAwait(false);
    }

    /// <summary>Brings the service's container in line with <paramref name="desired"/> by the least disruptive action.</summary>
    /// <remarks>
    /// First finishes or rolls back a recreate that was interrupted (a container left renamed aside with
    /// <c>-kcm-old-</c>), so the service ends with one container under its own name.
    /// </remarks>
    /// <exception cref="DockerException">The daemon failed, the service has no container, or <see cref="UpdateOptions.Timeout"/> passed.</exception>
    public async Task<UpdateResult> ApplyAsync(ServiceTarget target, DesiredService desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(desired);
        using var deadline = StartDeadline(cancellationToken);
        return await ApplyAsync(target, desired, deadline).ConfigureAwait(false);
    }

    /// <summary>Restarts the service's container and waits until it runs (and is healthy).</summary>
    /// <exception cref="DockerException">The daemon failed, the service has no container, or <see cref="UpdateOptions.Timeout"/> passed.</exception>
    public async Task<UpdateResult> RestartAsync(ServiceTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var deadline = StartDeadline(cancellationToken);
        return await RestartAsync(target, deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends SIGHUP to the service's container so nginx re-reads its configuration and certificate files
    /// without dropping connections; restarts instead when <see cref="UpdateOptions.FallBackToRestart"/> is set and the reload cannot be done.
    /// </summary>
    /// <exception cref="DockerException">The daemon failed, the service has no container, or <see cref="UpdateOptions.Timeout"/> passed.</exception>
    public async Task<UpdateResult> ReloadAsync(ServiceTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var deadline = StartDeadline(cancellationToken);
        return await ReloadAsync(target, deadline).ConfigureAwait(false);
    }

    /// <summary><see cref="PlanAsync(ServiceTarget, DesiredService, CancellationToken)"/> within a deadline the caller shares with other steps.</summary>
    internal Task<ApplyPlan> PlanAsync(ServiceTarget target, DesiredService desired, OperationDeadline deadline) =>
        WithinAsync(deadline, $"planning {target}", async token =>
        {
            var container = await ComposeContainers.FindAsync(_connection, target, token).ConfigureAwait(false);
            return await Call(async () =>
            {
                var inspect = await Client.Containers.InspectContainerAsync(container.Id, token).ConfigureAwait(false);
                var image = await InspectImageOrNullAsync(inspect.Image, token).ConfigureAwait(false);
                var differences = ContainerComparison.Compare(inspect, image?.Config?.Env, desired, target.Project)
                    .AddRange(await MountedFileChangesAsync(inspect, desired, token).ConfigureAwait(false));
                return new ApplyPlan(target, container, differences, ContainerComparison.Decide(differences, inspect.State?.Running == true));
            }).ConfigureAwait(false);
        });

    /// <summary><see cref="ApplyAsync(ServiceTarget, DesiredService, CancellationToken)"/> within a deadline the caller shares with other steps.</summary>
    internal async Task<UpdateResult> ApplyAsync(ServiceTarget target, DesiredService desired, OperationDeadline deadline)
    {
        if (!_options.DryRun)
        {
            await RecoverInterruptedRecreateAsync(target, deadline).ConfigureAwait(false);
        }

        var plan = await PlanAsync(target, desired, deadline).ConfigureAwait(false);
        UpdateResult result;
        if (_options.DryRun)
        {
            result = new UpdateResult(target, plan.Action, UpdateOutcome.Planned, plan.Container.Id, $"Would {Verb(plan.Action)} {plan.Container.Name}.");
        }
        else
        {
            result = plan.Action switch
            {
                ApplyAction.None => new UpdateResult(target, ApplyAction.None, UpdateOutcome.Unchanged, plan.Container.Id, $"{plan.Container.Name} already matches the file."),
                ApplyAction.Reload => await ReloadContainerAsync(target, plan.Container, deadline).ConfigureAwait(false),
                ApplyAction.Restart => await RestartContainerAsync(target, plan.Container, deadline).ConfigureAwait(false),
                _ => await RecreateAsync(target, plan.Container, desired, deadline).ConfigureAwait(false),
            };
        }

        return result with { Differences = plan.Differences };
    }

    /// <summary><see cref="RestartAsync(ServiceTarget, CancellationToken)"/> within a shared deadline.</summary>
    internal async Task<UpdateResult> RestartAsync(ServiceTarget target, OperationDeadline deadline)
    {
        await RecoverInterruptedRecreateAsync(target, deadline).ConfigureAwait(false);
        var container = await WithinAsync(deadline, $"finding {target}", token => ComposeContainers.FindAsync(_connection, target, token)).ConfigureAwait(false);
        return await RestartContainerAsync(target, container, deadline).ConfigureAwait(false);
    }

    /// <summary><see cref="ReloadAsync(ServiceTarget, CancellationToken)"/> within a shared deadline.</summary>
    internal async Task<UpdateResult> ReloadAsync(ServiceTarget target, OperationDeadline deadline)
    {
        await RecoverInterruptedRecreateAsync(target, deadline).ConfigureAwait(false);
        var container = await WithinAsync(deadline, $"finding {target}", token => ComposeContainers.FindAsync(_connection, target, token)).ConfigureAwait(false);
        return await ReloadContainerAsync(target, container, deadline).ConfigureAwait(false);
    }

    private static string Verb(ApplyAction action) => action switch
    {
        ApplyAction.None => "leave unchanged",
        ApplyAction.Reload => "reload (SIGHUP)",
        ApplyAction.Restart => "restart",
        _ => "recreate",
    };

    private void Report(string message) => _options.Progress?.Report(message);

    private OperationDeadline StartDeadline(CancellationToken cancellationToken) => new(_options.Timeout, _options.TimeProvider, cancellationToken);

    /// <summary>Runs one step on the deadline's token; the deadline passing becomes a <see cref="DockerFailure.Timeout"/> naming <paramref name="what"/>.</summary>
    private async Task<T> WithinAsync<T>(OperationDeadline deadline, string what, Func<CancellationToken, Task<T>> step)
    {
        try
        {
            return await step(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw TimedOut(what);
        }
    }

    private Task<UpdateResult> RestartContainerAsync(ServiceTarget target, ComposeContainer container, OperationDeadline deadline) =>
        WithinAsync(deadline, $"restarting {container.Name}", async token =>
        {
            var before = await Call(() => Client.Containers.InspectContainerAsync(container.Id, token)).ConfigureAwait(false);
            Report($"Restarting {container.Name} (stop timeout {_options.StopTimeout.TotalSeconds:0}s)...");
            await Call(() => Client.Containers.RestartContainerAsync(
                container.Id,
                new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, _options.StopTimeout.TotalSeconds) },
                token)).ConfigureAwait(false);
            var failure = await WaitUntilStartedAsync(container.Id, before.State?.StartedAt, before.RestartCount, token).ConfigureAwait(false);
            if (failure is not null)
            {
                var logs = await TailLogsAsync(container.Id, CancellationToken.None).ConfigureAwait(false);
                return new UpdateResult(target, ApplyAction.Restart, UpdateOutcome.Failed, container.Id, $"{container.Name} did not come back after the restart: {failure}") { FailureLogs = logs };
            }

            return new UpdateResult(target, ApplyAction.Restart, UpdateOutcome.Restarted, container.Id, $"Restarted {container.Name}.");
        });

    private Task<UpdateResult> ReloadContainerAsync(ServiceTarget target, ComposeContainer container, OperationDeadline deadline) =>
        WithinAsync(deadline, $"reloading {container.Name}", async token =>
        {
            var before = await Call(() => Client.Containers.InspectContainerAsync(container.Id, token)).ConfigureAwait(false);
            if (before.State?.Running != true)
            {
                return _options.FallBackToRestart
                    ? await RestartContainerAsync(target, container, deadline).ConfigureAwait(false)
                    : new UpdateResult(target, ApplyAction.Reload, UpdateOutcome.Failed, container.Id, $"{container.Name} is not running, so it cannot be reloaded; restart it instead.");
            }

            Report($"Sending SIGHUP to {container.Name}...");
            await Call(() => Client.Containers.KillContainerAsync(container.Id, new ContainerKillParameters { Signal = "SIGHUP" }, token)).ConfigureAwait(false);

            // The process must survive the signal: watch it for the grace period.
            await Task.Delay(_options.StartupGracePeriod, _options.TimeProvider, token).ConfigureAwait(false);
            var after = await Call(() => Client.Containers.InspectContainerAsync(container.Id, token)).ConfigureAwait(false);
            if (after.State?.Running == true && after.State.StartedAt == before.State.StartedAt)
            {
                return new UpdateResult(target, ApplyAction.Reload, UpdateOutcome.Reloaded, container.Id, $"Reloaded {container.Name} (SIGHUP); its process kept running.");
            }

            if (_options.FallBackToRestart)
            {
                Report($"{container.Name} did not survive the reload; restarting it...");
                return await RestartContainerAsync(target, container, deadline).ConfigureAwait(false);
            }

            var logs = await TailLogsAsync(container.Id, CancellationToken.None).ConfigureAwait(false);
            return new UpdateResult(target, ApplyAction.Reload, UpdateOutcome.Failed, container.Id, $"{container.Name} stopped after SIGHUP ({Describe(after.State)}).") { FailureLogs = logs };
        });

    /// <summary>Polls until the container runs with a new start time (and is healthy, or stayed up for the grace period); returns why not, or null.</summary>
    private async Task<string?> WaitUntilStartedAsync(string id, string? previousStartedAt, long previousRestartCount, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        long? runningSince = null;
        while (true)
        {
            var inspect = await Call(() => Client.Containers.InspectContainerAsync(id, cancellationToken)).ConfigureAwait(false);
            var state = inspect.State;
            var started = state?.StartedAt is { } at && at != previousStartedAt && !at.StartsWith("0001-", StringComparison.Ordinal);
            if (state is null)
            {
                return "the daemon reported no state";
            }

            if (state.Restarting || inspect.RestartCount > previousRestartCount)
            {
                return $"it keeps restarting (last exit code {state.ExitCode})";
            }

            if (started && !state.Running)
            {
                return $"it exited with code {state.ExitCode}{(string.IsNullOrEmpty(state.Error) ? string.Empty : ": " + state.Error)}";
            }

            if (started && state.Running)
            {
                if (state.Health is { } health && !string.IsNullOrEmpty(health.Status) && health.Status != "none")
                {
                    if (health.Status == "healthy")
                    {
                        return null;
                    }

                    if (health.Status == "unhealthy")
                    {
                        return $"its healthcheck reports unhealthy ({health.Log?.LastOrDefault()?.Output?.Trim()})";
                    }
                }
                else
                {
                    runningSince ??= time.GetTimestamp();
                    if (time.GetElapsedTime(runningSince.Value) >= _options.StartupGracePeriod)
                    {
                        return null;
                    }
                }
            }

            await Task.Delay(_options.PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task<ImmutableArray<string>> TailLogsAsync(string id, CancellationToken cancellationToken)
    {
        if (_options.LogLines <= 0)
        {
            return [];
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var stream = await Client.Containers.GetContainerLogsAsync(
                id,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = _options.LogLines.ToString(CultureInfo.InvariantCulture) },
                linked.Token).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(linked.Token).ConfigureAwait(false);
            return (stdout + stderr)
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeLast(_options.LogLines)
                .ToImmutableArray();
        }
        catch (Exception exception) when (exception is DockerApiException or HttpRequestException or OperationCanceledException or IOException)
        {
            return [$"(could not read the container's logs: {exception.Message})"];
        }
    }

    private async Task<ImageInspectResponse?> InspectImageOrNullAsync(string? image, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(image))
        {
            return null;
        }

        try
        {
            return await Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    private static string Describe(State? state) =>
        state is null ? "no state" : $"{state.Status}, exit code {state.ExitCode}";

    private DockerException TimedOut(string what) => new(
        DockerFailure.Timeout,
        $"Timed out after {_options.Timeout.TotalSeconds:0.#}s {what} on {_connection.Endpoint.Uri}.",
        "Raise --timeout, or look at 'docker logs' and 'docker inspect' for why the container is slow to start.",
        _connection.Endpoint.Uri.ToString());

    private async Task Call(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not DockerException)
        {
            throw DockerErrors.Translate(exception, _connection.Endpoint);
        }
    }

    private async Task<T> Call<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not DockerException)
        {
            throw DockerErrors.Translate(exception, _connection.Endpoint);
        }
    }
}
