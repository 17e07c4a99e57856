namespace KcmCompose.Docker;

/// <summary>
/// The whole <c>apply</c> and <c>restart</c> flows in one call each: load the compose file, connect to Docker,
/// find the service's container and act on it.
/// </summary>
public static class ServiceDeployment
{
    /// <summary>
    /// Brings the service's container in line with the file: nothing, reload, restart or recreate (with rollback).
    /// When recreating a container Compose made, Compose is asked for its config hash so a later <c>up -d</c> keeps it.
    /// </summary>
    /// <exception cref="Compose.ComposeLoadException">The compose file cannot be used.</exception>
    /// <exception cref="DockerException">Docker is unreachable, refuses, times out, or the service has no container.</exception>
    public static async Task<UpdateResult> ApplyAsync(
        ServiceDeploymentRequest request, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new UpdateOptions();
        var definition = await ComposeServiceDefinition.LoadAsync(
            request.ComposeFile, request.Service, request.Project, request.EnvFile, request.Environment, cancellationToken).ConfigureAwait(false);
        using var connection = await DockerConnection.ConnectAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var plan = await new ComposeServiceUpdater(connection, options).PlanAsync(definition.Target, definition.Desired, cancellationToken).ConfigureAwait(false);
        if (plan.Action == ApplyAction.Recreate && !options.DryRun && options.ConfigHash is null
            && plan.Container.Labels.TryGetValue(ComposeLabels.Version, out var composeVersion))
        {
            options.Progress?.Report("Asking Compose for the service's config hash...");
            var hash = await ComposeConfigHash.ComputeAsync(definition.ComposeFile, definition.Target.Service, definition.Target.Project, composeVersion, cancellationToken).ConfigureAwait(false);
            options = options with { ConfigHash = hash };
        }

        return await new ComposeServiceUpdater(connection, options).ApplyAsync(definition.Target, definition.Desired, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Restarts the service's container (or, with <paramref name="reload"/>, sends it SIGHUP) and waits for it.</summary>
    /// <exception cref="Compose.ComposeLoadException">The compose file cannot be used.</exception>
    /// <exception cref="DockerException">Docker is unreachable, refuses, times out, or the service has no container.</exception>
    public static async Task<UpdateResult> RestartAsync(
        ServiceDeploymentRequest request, bool reload = false, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = await ResolveTargetAsync(request, cancellationToken).ConfigureAwait(false);
        using var connection = await DockerConnection.ConnectAsync(request.Endpoint, cancellationToken).ConfigureAwait(false);
        var updater = new ComposeServiceUpdater(connection, options);
        return reload
            ? await updater.ReloadAsync(target, cancellationToken).ConfigureAwait(false)
            : await updater.RestartAsync(target, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ServiceTarget> ResolveTargetAsync(ServiceDeploymentRequest request, CancellationToken cancellationToken)
    {
        var definition = await ComposeServiceDefinition.LoadAsync(
            request.ComposeFile, request.Service, request.Project, request.EnvFile, request.Environment, cancellationToken).ConfigureAwait(false);
        return definition.Target;
    }
}
