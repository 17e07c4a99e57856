using KcmCompose.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Docker;

/// <summary>
/// <c>apply</c> for a stack deployed on Docker Swarm (<c>docker stack deploy</c>): the same validate-first gate as
/// <see cref="ServiceDeployment"/>, then a rolling update of the service through the Engine API. Changed config and
/// secret files become new Swarm objects named by their content hash (Swarm objects are immutable); Swarm replaces the
/// tasks as the service's <c>update_config</c> says; a failed update ends rolled back with the new objects removed;
/// a successful one removes the stack's older versions that no service uses.
/// </summary>
public static class SwarmDeployment
{
    /// <summary>
    /// Brings service <c>STACK_SERVICE</c> in line with the stack file: environment, configs and secrets.
    /// <see cref="UpdateOptions.Timeout"/> bounds the whole call; a rollback after it passed gets up to one more minute.
    /// </summary>
    /// <param name="request">The stack file, the service (default: the KCM proxy) and the daemon; <see cref="ServiceDeploymentRequest.Project"/> is ignored.</param>
    /// <param name="stack">The stack name the file was deployed with.</param>
    /// <param name="options">Limits, dry run and progress.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// <see cref="UpdateOutcome.Unchanged"/>, <see cref="UpdateOutcome.Planned"/> (dry run), <see cref="UpdateOutcome.Recreated"/>
    /// (every task runs the new spec), <see cref="UpdateOutcome.RolledBack"/> or <see cref="UpdateOutcome.Failed"/>.
    /// </returns>
    /// <exception cref="ComposeLoadException">The stack file cannot be used, or a config or secret file cannot be read.</exception>
    /// <exception cref="ComposeValidationException">The files have validation errors; nothing was touched.</exception>
    /// <exception cref="DockerException">Docker is unreachable, is not a Swarm manager, has no such service, refuses or times out.</exception>
    public static async Task<UpdateResult> ApplyAsync(
        ServiceDeploymentRequest request, string stack, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(stack);
        options ??= new UpdateOptions();
        using var deadline = new OperationDeadline(options.Timeout, options.TimeProvider, cancellationToken);
        var definition = await ServiceDeployment.LoadCheckedAsync(request with { Project = stack }, deadline.Token).ConfigureAwait(false);
        var desired = SwarmDesiredService.Read(definition, stack);
        using var connection = await ServiceDeployment.ConnectAsync(request, deadline).ConfigureAwait(false);
        await RequireManagerAsync(connection, deadline).ConfigureAwait(false);
        return await new SwarmServiceUpdater(connection, options).ApplyAsync(desired, deadline).ConfigureAwait(false);
    }

    private static async Task RequireManagerAsync(DockerConnection connection, OperationDeadline deadline)
    {
        global::Docker.DotNet.Models.SystemInfoResponse info;
        try
        {
            info = await connection.Client.System.GetSystemInfoAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw ServiceDeployment.TimedOut(deadline, "asking the daemon whether it is in Swarm mode (GET /info)", connection.Endpoint);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw DockerErrors.Translate(e, connection.Endpoint);
        }

        if (info.Swarm is not { LocalNodeState: "active" } swarm)
        {
            throw new DockerException(
                DockerFailure.DaemonError,
                $"The Docker daemon at {connection.Endpoint.Uri} is not in Swarm mode (state '{info.Swarm?.LocalNodeState ?? "unknown"}'), so it has no stack to update.",
                "Run without --stack to apply to a Compose project, or point DOCKER_HOST at a manager of the swarm.",
                connection.Endpoint.Uri.ToString());
        }

        if (!swarm.ControlAvailable)
        {
            throw new DockerException(
                DockerFailure.DaemonError,
                $"The Docker daemon at {connection.Endpoint.Uri} is a Swarm worker; only a manager can update services.",
                "Point DOCKER_HOST at a manager node of the swarm ('docker node ls' on one lists them).",
                connection.Endpoint.Uri.ToString());
        }
    }
}
