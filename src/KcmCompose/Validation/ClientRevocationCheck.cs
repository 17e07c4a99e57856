using KcmCompose.Certificates;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Validation;

/// <summary>
/// The revocation half of <c>check-client</c>: whether the client certificate is revoked (by a CA folder or CRL,
/// <see cref="RevocationList"/>), and whether the proxy in a compose file refuses its serial (<see cref="RevocationDenyList"/>).
/// </summary>
public static class ClientRevocationCheck
{
    /// <summary>Judges <paramref name="client"/>'s leaf against <paramref name="revocations"/> and the proxy's <c>ADDITIONAL_NGINX_CONFIG</c>.</summary>
    /// <param name="client">The client certificate (leaf first).</param>
    /// <param name="revocations">What the CA revoked, or <see langword="null"/> when unknown. A list of another CA than the leaf's issuer revokes nothing.</param>
    /// <param name="additionalNginxConfig">The proxy's value (with <c>$</c> or <c>$$</c>), or <see langword="null"/> when no compose file was read.</param>
    /// <param name="proxyRead">True when a compose file was read, so a missing value means "no deny list".</param>
    public static ClientRevocationResult Evaluate(CertificateChain client, RevocationList? revocations, string? additionalNginxConfig, bool proxyRead)
    {
        ArgumentNullException.ThrowIfNull(client);
        var leaf = client.Leaf;
        var serial = RevocationList.NginxSerial(leaf.SerialNumber);
        var revoked = revocations is not null && revocations.IsIssuer(leaf.Native.IssuerDN) ? revocations.Find(serial) : null;
        bool? refuses = proxyRead ? RevocationDenyList.Read(additionalNginxConfig).Contains(serial) : null;
        var first = revoked is null
            ? revocations is null ? $"Serial {serial} is not checked against a CA index or CRL" : $"Serial {serial} is not revoked per '{revocations.Source}'"
            : $"Revoked on {Stamp(revoked.RevokedAt)} per '{revocations!.Source}' (serial {serial})";
        var second = refuses switch
        {
            true => "the proxy's deny list refuses it (nginx answers 403).",
            false when revoked is not null => "but the proxy's deny list does not list it, so nginx still admits it: run 'kcm-compose client revoke NAME --ca-dir DIR --compose FILE --apply'.",
            false => "and the proxy's deny list does not list it.",
            null => "the proxy was not checked.",
        };
        return new ClientRevocationResult(serial, revoked?.RevokedAt, refuses, $"{first}; {second}");
    }

    /// <summary>Reads the client certificate and the proxy of the compose files (merged as Compose does), then <see cref="Evaluate"/>.</summary>
    /// <param name="clientCertificatePath">The client's certificate (PEM or DER).</param>
    /// <param name="composeFiles">The compose files, in merge order; empty to skip the proxy.</param>
    /// <param name="projectName">The project name (<c>-p</c>), or <see langword="null"/>.</param>
    /// <param name="revocations">What the CA revoked, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="ClientCertificateCheckException">A file cannot be read, or the file has no single proxy.</exception>
    public static Task<ClientRevocationResult> CheckFilesAsync(
        string clientCertificatePath,
        IReadOnlyList<string> composeFiles,
        string? projectName,
        RevocationList? revocations,
        CancellationToken cancellationToken = default) =>
        CheckServerFilesAsync(clientCertificatePath, composeFiles, projectName, revocations, null, cancellationToken);

    /// <summary>Like <see cref="CheckFilesAsync"/>, against the deny list of the nginx server answering for <paramref name="sslHostname"/> (a <c>SERVERS</c> entry's effective <c>ADDITIONAL_NGINX_CONFIG</c>).</summary>
    /// <param name="clientCertificatePath">The client's certificate (PEM or DER).</param>
    /// <param name="composeFiles">The compose files, in merge order; empty to skip the proxy.</param>
    /// <param name="projectName">The project name (<c>-p</c>), or <see langword="null"/>.</param>
    /// <param name="revocations">What the CA revoked, or <see langword="null"/>.</param>
    /// <param name="sslHostname">The server's host name; <see langword="null"/> (or a name no server answers for) for the top-level server.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="ClientCertificateCheckException">A file cannot be read, or the file has no single proxy.</exception>
    public static async Task<ClientRevocationResult> CheckServerFilesAsync(
        string clientCertificatePath,
        IReadOnlyList<string> composeFiles,
        string? projectName,
        RevocationList? revocations,
        string? sslHostname,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientCertificatePath);
        ArgumentNullException.ThrowIfNull(composeFiles);
        CertificateChain client;
        try
        {
            client = await CertificateChain.LoadAsync(clientCertificatePath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new ClientCertificateCheckException($"Cannot read the client certificate '{clientCertificatePath}': {ex.Message}", ex);
        }

        if (composeFiles.Count == 0)
        {
            return Evaluate(client, revocations, null, proxyRead: false);
        }

        ComposeProject project;
        try
        {
            project = await ComposeProject.LoadAsync(composeFiles, projectName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ComposeLoadException or FileNotFoundException)
        {
            throw new ClientCertificateCheckException($"Cannot read the compose file: {ex.Message}", ex);
        }

        var interpolated = ComposeInterpolator.Interpolate(project.Document, project.Variables).Document;
        var services = KcmServices.Read(project.Document.Root, interpolated.Root, project.Folder, project.Variables);
        if (services.SingleProxy(out var problem) is not { } proxy)
        {
            throw new ClientCertificateCheckException(problem!.Code, $"{project.File}: {problem.Message} {problem.Fix}");
        }

        var environment = (sslHostname is null ? null : KcmServerSettings.Read(proxy).Find(sslHostname)?.Environment) ?? proxy.Environment;
        var config = environment.GetValueOrDefault(KcmVariables.AdditionalNginxConfig);
        return Evaluate(client, revocations, config?.Value ?? config?.RawValue, proxyRead: true);
    }

    private static string Stamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
