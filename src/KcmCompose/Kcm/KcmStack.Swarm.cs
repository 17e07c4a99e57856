using KcmCompose.Compose;

namespace KcmCompose.Kcm;

public sealed partial record KcmStack
{
    /// <summary>
    /// The Swarm stack file of this stack (<c>docker stack deploy -c</c>): the client CA and server certificate as
    /// configs, the key as a secret, each named after its content, so the files are read now.
    /// </summary>
    /// <param name="options">The Swarm settings; <see langword="null"/> for <see cref="KcmSwarmOptions.Default"/>.</param>
    /// <param name="file">The label the document carries; when it is a path, relative host paths are read relative to its folder, as Compose reads them.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="KcmStackException">The stack or the options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The CA, certificate or key file does not exist (the message says why it must).</exception>
    /// <exception cref="IOException">One of those files cannot be read.</exception>
    public async Task<ComposeDocument> ToSwarmDocumentAsync(KcmSwarmOptions? options = null, string file = ComposeDocument.StringLabel, CancellationToken cancellationToken = default)
    {
        options ??= KcmSwarmOptions.Default;
        ThrowIfInvalid();
        if (options.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new KcmStackException([.. problems.Select(p => KcmStackValidator.Invalid(p))]);
        }

        var prefix = options.NamePrefix;
        var folder = file == ComposeDocument.StringLabel ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(file))!;
        async Task<string?> NameAsync(string? path, string what) =>
            path is null ? null : await SwarmObjectName.ForFileAsync($"{prefix}-{what}", Path.GetFullPath(path, folder), cancellationToken).ConfigureAwait(false);

        var existing = Proxy.Tls as ExistingCertificateTls;
        var names = new SwarmFileNames(
            await NameAsync(Proxy.ClientAuthentication?.CaHostPath, "client-ca").ConfigureAwait(false),
            await NameAsync(existing?.CertificateHostPath, "server-cert").ConfigureAwait(false),
            await NameAsync(existing?.PrivateKeyHostPath, "server-key").ConfigureAwait(false));
        return new ComposeDocument(KcmSwarmMapper.ToMapping(this, options, names), file);
    }

    /// <summary>The text of the file for <paramref name="target"/>: <see cref="ToYaml"/>, or <see cref="ToSwarmDocumentAsync"/> written by <see cref="ComposeEmitter"/>.</summary>
    /// <param name="target">Compose or Swarm.</param>
    /// <param name="swarm">The Swarm settings (Swarm only); <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading the files a Swarm stack names.</param>
    /// <exception cref="KcmStackException">The stack or the options are invalid.</exception>
    /// <exception cref="IOException">A file a Swarm stack is named after cannot be read.</exception>
    public async Task<string> ToYamlAsync(KcmTarget target, KcmSwarmOptions? swarm = null, CancellationToken cancellationToken = default) => target switch
    {
        KcmTarget.Compose => ToYaml(),
        KcmTarget.Swarm => ComposeEmitter.Emit(await ToSwarmDocumentAsync(swarm, ComposeDocument.StringLabel, cancellationToken).ConfigureAwait(false)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Compose or Swarm."),
    };

    /// <summary>
    /// Writes <see cref="ToYamlAsync"/> for <paramref name="target"/> to <paramref name="path"/> as
    /// <see cref="TryWriteComposeFileAsync"/> does (atomically, mode 0600).
    /// </summary>
    /// <returns><see langword="false"/>, writing nothing, when the file exists and <paramref name="overwrite"/> is false.</returns>
    /// <exception cref="KcmStackException">The stack or the options are invalid.</exception>
    /// <exception cref="IOException">The folder is missing or not writable, or a file a Swarm stack is named after cannot be read.</exception>
    public async Task<bool> TryWriteFileAsync(string path, KcmTarget target, KcmSwarmOptions? swarm = null, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = target == KcmTarget.Swarm
            ? ComposeEmitter.Emit(await ToSwarmDocumentAsync(swarm, path, cancellationToken).ConfigureAwait(false))
            : await ToYamlAsync(target, swarm, cancellationToken).ConfigureAwait(false);
        return await WriteAtomicAsync(text, path, overwrite, cancellationToken).ConfigureAwait(false);
    }
}
