using KcmCompose.Certificates;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>
/// Answers "would the proxy configured in this compose file accept this client certificate?": finds the
/// proxy service, reads SSL_VERIFY_CLIENT, SSL_VERIFY_DEPTH and CLIENT_CERTIFICATE_FILE, resolves the CA file
/// through the bind mounts and runs <see cref="ClientCertificateCheck.Evaluate"/>.
/// </summary>
public static class ClientCertificateCheckRunner
{
    /// <summary>Checks a client certificate file (PEM bundle, leaf first, or DER) against a compose file.</summary>
    /// <param name="clientCertificatePath">The client's certificate, optionally followed by the intermediates it sends.</param>
    /// <param name="composeFilePath">The compose file with the proxy service.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The verdict: accepted, or rejected with the reason. A CA file nginx cannot load is a rejection.</returns>
    /// <exception cref="ClientCertificateCheckException">The check could not run; the message says why.</exception>
    public static Task<ClientCertificateCheckResult> CheckAsync(
        string clientCertificatePath,
        string composeFilePath,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composeFilePath);
        return CheckFilesAsync(clientCertificatePath, [composeFilePath], null, timeProvider, cancellationToken);
    }

    /// <summary>Checks a client certificate file against compose files merged as Compose merges them (<see cref="ComposeProject"/>).</summary>
    /// <param name="clientCertificatePath">The client's certificate, optionally followed by the intermediates it sends.</param>
    /// <param name="composeFiles">The compose files, in merge order (see <see cref="ComposeProject.FindFiles"/>).</param>
    /// <param name="projectName">The project name (<c>-p</c>), or <see langword="null"/> for Compose's own derivation.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The verdict: accepted, or rejected with the reason. A CA file nginx cannot load is a rejection.</returns>
    /// <exception cref="ClientCertificateCheckException">The check could not run; the message says why, and <see cref="ClientCertificateCheckException.Code"/> names a finding of the file.</exception>
    public static Task<ClientCertificateCheckResult> CheckFilesAsync(
        string clientCertificatePath,
        IReadOnlyList<string> composeFiles,
        string? projectName,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        CheckServerFilesAsync(clientCertificatePath, composeFiles, projectName, null, timeProvider, cancellationToken);

    /// <summary>
    /// Like <see cref="CheckFilesAsync"/>, for the nginx server answering for <paramref name="sslHostname"/>: a
    /// <c>SERVERS</c> entry's effective settings (its own, else the top-level ones), or the top-level server.
    /// </summary>
    /// <param name="clientCertificatePath">The client's certificate, optionally followed by the intermediates it sends.</param>
    /// <param name="composeFiles">The compose files, in merge order.</param>
    /// <param name="projectName">The project name (<c>-p</c>), or <see langword="null"/>.</param>
    /// <param name="sslHostname">The server's host name; <see langword="null"/> for the top-level server.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for the system clock.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The verdict for that server.</returns>
    /// <exception cref="ClientCertificateCheckException">The check could not run (no server answers for the name, among others).</exception>
    public static async Task<ClientCertificateCheckResult> CheckServerFilesAsync(
        string clientCertificatePath,
        IReadOnlyList<string> composeFiles,
        string? projectName,
        string? sslHostname,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientCertificatePath);
        ArgumentNullException.ThrowIfNull(composeFiles);
        timeProvider ??= TimeProvider.System;
        var composeFilePath = composeFiles.Count > 0 ? composeFiles[0] : "(none)";

        ComposeProject project;
        try
        {
            project = await ComposeProject.LoadAsync(composeFiles, projectName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ComposeLoadException ex)
        {
            throw new ClientCertificateCheckException($"Cannot read the compose file: {ex.Message}", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new ClientCertificateCheckException(ex.Message, ex);
        }

        CertificateChain client;
        try
        {
            client = await CertificateChain.LoadAsync(clientCertificatePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new ClientCertificateCheckException($"Cannot read the client certificate '{clientCertificatePath}': {ex.Message}", ex);
        }

        // Values as Compose will see them: ${VAR} from the process environment over the project's .env.
        var variables = project.Variables;
        var document = project.Document;
        var interpolated = ComposeInterpolator.Interpolate(document, variables).Document;
        var options = ComposeValidatorOptions.Default with { TimeProvider = timeProvider };
        var context = new ValidationContext(document, interpolated.Root, null, variables, options)
        {
            TypedServices = ComposeServices.Read(interpolated).Services,
        };
        if (context.Kcm.SingleProxy(out var problem) is not { } service)
        {
            // No proxy at all: nothing to check against (exit 2); two proxies: the finding validate reports too.
            var message = $"{composeFilePath}: {problem!.Message} {problem.Fix}";
            throw problem.Code == KcmProblemCodes.ServiceMissing ? new ClientCertificateCheckException(message) : new ClientCertificateCheckException(problem.Code, message);
        }

        // What makes the proxy's settings unknowable or unsafe stops the check with the code validate reports.
        if (context.Kcm.Problems.FirstOrDefault(p => p.Path.StartsWith(service.Path + ".", StringComparison.Ordinal)) is { } envProblem)
        {
            throw new ClientCertificateCheckException(envProblem.Code, $"{composeFilePath}: {envProblem.Message} {envProblem.Fix}");
        }

        var proxy = ProxyFiles.Find(context).First(p => p.Service.Name == service.Name);
        if (sslHostname is not null)
        {
            var servers = context.ServersOf(service);
            if (servers.Problems.FirstOrDefault(p => p.Code == KcmProblemCodes.ServersInvalid) is { } invalid)
            {
                throw new ClientCertificateCheckException(invalid.Code, $"{composeFilePath}: {invalid.Path}: {invalid.Message} {invalid.Fix}");
            }

            proxy = proxy with
            {
                Server = servers.Find(sslHostname) ?? throw new ClientCertificateCheckException(
                    $"{composeFilePath}: no server of service '{service.Name}' answers for {sslHostname}; its servers are {string.Join(", ", servers.Hostnames)}."),
            };
        }

        var who = proxy.Server is { Index: not null } server ? $"'{proxy.Service.Name}' ({server.Describe})" : $"'{proxy.Service.Name}'";
        if (proxy.Setting(KcmVariables.ClientCertificateFile) is { Value: { } caText } unsafeCa && ContainerPath.FirstUnsafe(caText) is not null)
        {
            throw Finding(DiagnosticCatalog.ContainerPathUnsafe, unsafeCa, KcmVariables.ClientCertificateFile, ContainerPath.Check(caText));
        }

        var mode = ReadMode(proxy);
        var depth = ReadDepth(proxy);
        if (proxy.Setting(KcmVariables.ClientCertificateFile) is not { } caVariable)
        {
            return ClientCertificateCheck.Evaluate(client, new CaFileAnalysis { Status = CaFileStatus.Missing }, depth, ClientCertificateCheckMode.Off, timeProvider) with
            {
                Reason = $"The proxy service {who} sets no CLIENT_CERTIFICATE_FILE, so nginx does not ask for client certificates.",
            };
        }

        var resolution = proxy.Resolve(context, caVariable.Value!);
        CaFileAnalysis analysis = resolution.Kind switch
        {
            MountResolutionKind.HostFile => await CaFile.AnalyzeFileAsync(resolution.HostPath!, cancellationToken).ConfigureAwait(false),
            MountResolutionKind.NamedVolume => throw new ClientCertificateCheckException(
                $"CLIENT_CERTIFICATE_FILE '{caVariable.Value}' is in the named volume '{resolution.Mount!.Source}', which cannot be read from the compose file; bind-mount the CA file to check against it."),
            _ => new CaFileAnalysis
            {
                Status = CaFileStatus.Missing,
                Problem = $"CLIENT_CERTIFICATE_FILE '{caVariable.Value}' is {ProxyFiles.DescribeUnmounted(resolution)}",
            },
        };

        return ClientCertificateCheck.Evaluate(client, analysis, depth, mode, timeProvider);
    }

    private static ClientCertificateCheckMode ReadMode(ProxyFiles proxy)
    {
        var variable = proxy.Setting(KcmVariables.SslVerifyClient);
        if (variable is null)
        {
            return ToCheckMode(KcmSettings.DefaultVerifyClient);
        }

        return KcmSettings.TryParseVerifyClient(variable.Value, out var mode)
            ? ToCheckMode(mode)
            : throw Finding(DiagnosticCatalog.VerifyClientInvalid, variable);
    }

    private static ClientCertificateCheckMode ToCheckMode(VerifyClientMode mode) => mode switch
    {
        VerifyClientMode.Off => ClientCertificateCheckMode.Off,
        VerifyClientMode.Optional => ClientCertificateCheckMode.Optional,
        VerifyClientMode.OptionalNoCa => ClientCertificateCheckMode.OptionalNoCa,
        _ => ClientCertificateCheckMode.On,
    };

    private static int ReadDepth(ProxyFiles proxy)
    {
        var variable = proxy.Setting(KcmVariables.SslVerifyDepth);
        if (variable is null)
        {
            return KcmSettings.DefaultVerifyDepth;
        }

        return KcmSettings.TryParseVerifyDepth(variable.Value, out var depth)
            ? depth
            : throw Finding(DiagnosticCatalog.VerifyDepthInvalid, variable);
    }

    /// <summary>A finding of the file that stops the check: the catalog's message and fix, with the code validate reports.</summary>
    private static ClientCertificateCheckException Finding(DiagnosticDescriptor descriptor, KcmVariable variable, params object?[] args)
    {
        var diagnostic = descriptor.Create(string.Empty, null, variable.Path, variable.Value, args.Length == 0 ? [variable.Value] : args);
        return new ClientCertificateCheckException(diagnostic.Code, $"{variable.Path}: {diagnostic.Message} {diagnostic.Fix}");
    }
}
