using KcmCompose.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Docker;

/// <summary>
/// The whole <c>apply</c> and <c>restart</c> flows in one call each: load the compose file, connect to Docker,
/// find the service's container and act on it. <see cref="UpdateOptions.Timeout"/> bounds the whole call,
/// connecting to the daemon included.
/// </summary>
public static class ServiceDeployment
{
    /// <summary>
    /// Brings the service's container in line with the file: nothing, reload, restart or recreate (with rollback).
    /// When recreating a container Compose made, Compose is asked for its config hash so a later <c>up -d</c> keeps it.
    /// </summary>
    /// <exception cref="ComposeLoadException">The compose file cannot be used.</exception>
    /// <exception cref="ComposeValidationException">The files have validation errors, or a bind-mount source of the service is missing; nothing was touched.</exception>
    /// <exception cref="DockerException">Docker is unreachable, refuses, times out, or the service has no container.</exception>
    public static async Task<UpdateResult> ApplyAsync(
        ServiceDeploymentRequest request, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new UpdateOptions();
        using var deadline = new OperationDeadline(options.Timeout, options.TimeProvider, cancellationToken);
        var definition = await LoadCheckedAsync(request, deadline.Token).ConfigureAwait(false);
        using var connection = await ConnectAsync(request, deadline).ConfigureAwait(false);
        var plan = await new ComposeServiceUpdater(connection, options).PlanAsync(definition.Target, definition.Desired, deadline).ConfigureAwait(false);
        if (plan.Action == ApplyAction.Recreate && !options.DryRun && options.ConfigHash is null
            && plan.Container.Labels.TryGetValue(ComposeLabels.Version, out var composeVersion))
        {
            options.Progress?.Report("Asking Compose for the service's config hash...");
            string? hash;
            try
            {
                hash = await ComposeConfigHash.ComputeAsync(definition.Files, definition.Target.Service, definition.Target.Project, composeVersion, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.Expired)
            {
                throw TimedOut(deadline, "asking Compose for the service's config hash", connection.Endpoint);
            }

            options = options with { ConfigHash = hash };
        }

        return await new ComposeServiceUpdater(connection, options).ApplyAsync(definition.Target, definition.Desired, deadline).ConfigureAwait(false);
    }

    /// <summary>Restarts the service's container (or, with <paramref name="reload"/>, sends it SIGHUP) and waits for it.</summary>
    /// <exception cref="ComposeLoadException">The compose file cannot be used.</exception>
    /// <exception cref="ComposeValidationException">The files have validation errors, or a bind-mount source of the service is missing; nothing was touched.</exception>
    /// <exception cref="DockerException">Docker is unreachable, refuses, times out, or the service has no container.</exception>
    public static async Task<UpdateResult> RestartAsync(
        ServiceDeploymentRequest request, bool reload = false, UpdateOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= new UpdateOptions();
        using var deadline = new OperationDeadline(options.Timeout, options.TimeProvider, cancellationToken);
        var definition = await LoadCheckedAsync(request, deadline.Token).ConfigureAwait(false);
        using var connection = await ConnectAsync(request, deadline).ConfigureAwait(false);
        var updater = new ComposeServiceUpdater(connection, options);
        return reload
            ? await updater.ReloadAsync(definition.Target, deadline).ConfigureAwait(false)
            : await updater.RestartAsync(definition.Target, deadline).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads the project and reads the service, then applies the gate every deployment passes: the files are valid
    /// (unless <see cref="ServiceDeploymentRequest.SkipValidation"/>) and every bind-mount source of the service exists.
    /// </summary>
    internal static async Task<ComposeServiceDefinition> LoadCheckedAsync(ServiceDeploymentRequest request, CancellationToken cancellationToken)
    {
        var files = new List<string> { request.ComposeFile };
        files.AddRange(request.OverrideFiles);
        var processEnvironment = request.Environment?.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal);
        if (!request.SkipValidation)
        {
            var options = new ComposeValidatorOptions { EnvFile = request.EnvFile, ProjectName = request.Project, ProcessEnvironment = processEnvironment };
            var report = await ComposeValidator.ValidateFilesAsync(files, options, cancellationToken).ConfigureAwait(false);
            report.ThrowIfInvalid();
        }

        ComposeProject project;
        try
        {
            project = await ComposeProject.LoadAsync(files, request.Project, request.EnvFile, null, processEnvironment, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ComposeLoadException(e.Message, null, "Pass the compose file of the KCM stack.", e);
        }

        var definition = ComposeServiceDefinition.FromProject(project, request.Service);
        var missing = definition.Desired.Mounts
            .Where(m => m.Type == MountKind.Bind && m.Source is not null && !File.Exists(m.Source) && !Directory.Exists(m.Source))
            .Select(m => DiagnosticCatalog.BindSourceMissing.Create(request.ComposeFile, null, $"services.{definition.Target.Service}.volumes", m.Source, m.Source, m.Source))
            .ToList();
        if (missing.Count > 0)
        {
            var report = new ValidationReport(request.ComposeFile, missing);
            throw new ComposeValidationException(
                report,
                $"{request.ComposeFile}: service '{definition.Target.Service}' mounts {string.Join(", ", missing.Select(d => d.Value))}, which does not exist on this host; "
                + "Docker would create an empty directory in its place. Create the file or correct the path; nothing was changed.");
        }

        return definition;
    }

    /// <summary>Connects within the deadline: a daemon that accepts the connection and never answers times out here, not after the HTTP client's own 100 s.</summary>
    internal static async Task<DockerConnection> ConnectAsync(ServiceDeploymentRequest request, OperationDeadline deadline)
    {
        var endpoint = request.Endpoint ?? DockerEndpoint.FromEnvironment();
        try
        {
            return await DockerConnection.ConnectAsync(endpoint, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw TimedOut(deadline, "connecting to the Docker daemon (it accepted no request or sent no answer to GET /version)", endpoint);
        }
    }

    internal static DockerException TimedOut(OperationDeadline deadline, string what, DockerEndpoint endpoint) => new(
        DockerFailure.Timeout,
        $"Timed out after {deadline.Timeout.TotalSeconds:0.#}s {what} at {endpoint.Uri}.",
        "Check that the daemon answers ('docker version' with the same DOCKER_HOST), or raise --timeout.",
        endpoint.Uri.ToString());
}
