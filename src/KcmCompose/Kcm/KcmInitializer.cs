using System.Collections.Immutable;
using System.Net;
using KcmCompose.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Kcm;

/// <summary>
/// The whole client-certificate guide in one call: a CA with an encrypted key, client certificates with .pfx files, the
/// <c>.env</c> with the database passwords and the compose file with client authentication on, validated together.
/// </summary>
/// <remarks>
/// Layout: <c>docker-compose.yml</c>, <c>.env</c>, <c>ca/</c> (the CA folder: <c>ca.crt</c>, <c>ca.key</c>,
/// <c>clients/NAME.crt|.key|.pfx</c>) and <c>secrets/</c> (<c>ca.pass</c>, <c>NAME.pass</c>), every secret 0600. A new
/// folder is built beside its final place and renamed into place only once the validator accepts it, so a failure
/// leaves nothing behind. With <see cref="KcmInitOptions.Force"/> an existing folder is set up again in place: the
/// compose file is rewritten, everything else is kept and only what is missing is added; no key is ever replaced.
/// </remarks>
public static class KcmInitializer
{
    /// <summary>The compose file's name in the folder.</summary>
    public const string ComposeFileName = "docker-compose.yml";

    /// <summary>The CA folder, relative to the folder (also the mount source in the compose file).</summary>
    public const string CaDirectoryName = "ca";

    /// <summary>The folder of passphrase files, relative to the folder.</summary>
    public const string SecretsDirectoryName = "secrets";

    /// <summary>Sets up the folder <see cref="KcmInitOptions.Directory"/>; see the type's remarks.</summary>
    /// <exception cref="KcmInitException">The folder is not empty and <see cref="KcmInitOptions.Force"/> is not set, or a kept CA lacks its passphrase file.</exception>
    /// <exception cref="KcmStackException">The options make an invalid stack (a bad host name, say); nothing was written.</exception>
    /// <exception cref="PkiException">A certificate could not be made (a bad client name, say).</exception>
    /// <exception cref="ComposeValidationException">The validator found errors in the result; a new folder is removed again.</exception>
    public static async Task<KcmInitResult> InitializeAsync(KcmInitOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Clients.IsDefaultOrEmpty)
        {
            throw new ArgumentException("Give at least one client name.", nameof(options));
        }

        if (options.Clients.Distinct(StringComparer.Ordinal).Count() != options.Clients.Length)
        {
            throw new ArgumentException("A client name is given twice.", nameof(options));
        }

        if (options.Clients.Contains("ca", StringComparer.Ordinal))
        {
            throw new ArgumentException("A client cannot be named 'ca': secrets/ca.pass holds the CA key's passphrase.", nameof(options));
        }

        var directory = Path.GetFullPath(options.Directory);
        var hostname = options.Hostname ?? DefaultHostname();

        // The stack first: its model checks run before anything is written.
        var builder = KcmStackBuilder.Create(hostname)
            .WithDatabase(options.Database)
            .WithTls(options.Tls)
            .WithClientCa($"./{CaDirectoryName}/ca.crt");
        if (options.Customize is { } customize)
        {
            builder = customize(builder);
        }

        var stack = builder.Build();

        var existing = Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();
        if (existing && !options.Force)
        {
            throw new KcmInitException(
                $"'{directory}' is not empty: it may hold a stack set up before. Choose a new folder, or run init again with --force, "
                + "which rewrites the compose file and keeps the CA, the client keys and the secrets.");
        }

        if (existing)
        {
            var issued = await SetUpAsync(directory, stack, options, cancellationToken).ConfigureAwait(false);
            var inPlace = await ValidateAsync(directory, cancellationToken).ConfigureAwait(false);
            return Result(directory, stack, options, inPlace, issued);
        }

        // A new folder: built beside its place, validated, then renamed into place.
        var parent = Path.GetDirectoryName(directory)!;
        Directory.CreateDirectory(parent);
        var stage = Path.Combine(parent, $".{Path.GetFileName(directory)}.init-{Guid.NewGuid():N}");
        PkiFiles.EnsureFolder(stage, isPrivate: true);
        HashSet<string> created;
        try
        {
            created = await SetUpAsync(stage, stack, options, cancellationToken).ConfigureAwait(false);
            await ValidateAsync(stage, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory); // empty, checked above; fails if something appeared meanwhile
            }

            Directory.Move(stage, directory);
        }
        catch
        {
            if (Directory.Exists(stage))
            {
                Directory.Delete(stage, recursive: true);
            }

            throw;
        }

        var report = await ValidateAsync(directory, cancellationToken).ConfigureAwait(false);
        return Result(directory, stack, options, report, created);
    }

    /// <summary>This machine's name in lower case, the default <c>SSL_HOSTNAME</c>.</summary>
    public static string DefaultHostname() => Dns.GetHostName().ToLowerInvariant();

    /// <summary>Writes what <paramref name="root"/> lacks; returns the clients issued now.</summary>
    private static async Task<HashSet<string>> SetUpAsync(string root, KcmStack stack, KcmInitOptions options, CancellationToken cancellationToken)
    {
        var issued = new HashSet<string>(StringComparer.Ordinal);
        var secrets = Path.Combine(root, SecretsDirectoryName);
        PkiFiles.EnsureFolder(secrets, isPrivate: true);
        var ca = new CertificateAuthority(Path.Combine(root, CaDirectoryName));
        var caPassFile = PassphraseFile(root, "ca");
        string caPassphrase;
        if (File.Exists(ca.KeyPath))
        {
            if (!File.Exists(caPassFile))
            {
                throw new KcmInitException($"The CA key '{ca.KeyPath}' is kept, but its passphrase file '{caPassFile}' is missing: write the passphrase there (mode 0600) and run init again.");
            }

            caPassphrase = await Passphrases.ReadFileAsync(caPassFile, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The passphrase is on disk before the key it encrypts: a run stopped in between never leaves a key nobody can open.
            caPassphrase = await PassphraseAsync(caPassFile, cancellationToken).ConfigureAwait(false);
            await ca.CreateAsync(new CaCreationOptions { Key = options.CaKey, Passphrase = caPassphrase }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var name in options.Clients)
        {
            if (File.Exists(ClientFile(ca, name, ".pfx")) && File.Exists(ClientFile(ca, name, ".key")))
            {
                continue;
            }

            var passphrase = await PassphraseAsync(PassphraseFile(root, name), cancellationToken).ConfigureAwait(false);
            await ca.IssueClientAsync(
                new ClientIssueOptions { Name = name, CaPassphrase = caPassphrase, Key = options.ClientKey, Passphrase = passphrase },
                cancellationToken).ConfigureAwait(false);
            issued.Add(name);
        }

        await KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(Path.Combine(root, ComposeFileName)), stack.RequiredVariables, options.Secrets, cancellationToken).ConfigureAwait(false);
        await stack.TryWriteFileAsync(Path.Combine(root, ComposeFileName), options.Target, options.Swarm, overwrite: true, cancellationToken).ConfigureAwait(false);
        return issued;
    }

    /// <summary>The passphrase in <paramref name="file"/>, or a new one written there (0600) first.</summary>
    private static async Task<string> PassphraseAsync(string file, CancellationToken cancellationToken)
    {
        if (File.Exists(file))
        {
            return await Passphrases.ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var passphrase = Passphrases.Generate();
        await Passphrases.WriteFileAsync(file, passphrase, overwrite: false, cancellationToken).ConfigureAwait(false);
        return passphrase;
    }

    private static async Task<ValidationReport> ValidateAsync(string root, CancellationToken cancellationToken)
    {
        var report = await ComposeValidator.ValidateFileAsync(Path.Combine(root, ComposeFileName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return report.ThrowIfInvalid();
    }

    /// <summary><c>secrets/NAME.pass</c>: the CA's (<c>ca</c>) or a client's passphrase file.</summary>
    private static string PassphraseFile(string root, string name) => Path.Combine(root, SecretsDirectoryName, name + ".pass");

    private static string ClientFile(CertificateAuthority ca, string name, string extension) => Path.Combine(ca.ClientsDirectory, name + extension);

    private static KcmInitResult Result(string directory, KcmStack stack, KcmInitOptions options, ValidationReport report, HashSet<string> created)
    {
        var ca = new CertificateAuthority(Path.Combine(directory, CaDirectoryName));
        var secrets = Path.Combine(directory, SecretsDirectoryName);
        var clients = options.Clients.Select(name => new KcmInitClient(
            name,
            ClientFile(ca, name, ".crt"),
            ClientFile(ca, name, ".key"),
            ClientFile(ca, name, ".pfx"),
            PassphraseFile(directory, name),
            created.Contains(name))).ToImmutableArray();
        return new KcmInitResult(
            directory,
            Path.Combine(directory, ComposeFileName),
            KcmEnvFile.PathFor(Path.Combine(directory, ComposeFileName)),
            ca.CertificatePath,
            ca.KeyPath,
            PassphraseFile(directory, "ca"),
            clients,
            stack,
            report) { Target = options.Target };
    }
}
