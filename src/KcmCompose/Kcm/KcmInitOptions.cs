using System.Collections.Immutable;
using KcmCompose.Certificates;

namespace KcmCompose.Kcm;

/// <summary>What <see cref="KcmInitializer.InitializeAsync"/> sets up; every value has a working default.</summary>
public sealed record KcmInitOptions
{
    /// <summary>The folder to set up. Defaults to <c>kcm</c> in the current folder.</summary>
    public string Directory { get; init; } = "kcm";

    /// <summary>The public host name (<c>SSL_HOSTNAME</c>). Defaults to this machine's name.</summary>
    public string? Hostname { get; init; }

    /// <summary>The clients to issue certificates for, at least one. Defaults to one named <c>user</c>.</summary>
    public ImmutableArray<string> Clients { get; init; } = ["user"];

    /// <summary>MySQL or PostgreSQL. Defaults to MySQL.</summary>
    public DatabaseKind Database { get; init; } = DatabaseKind.MySql;

    /// <summary>The server certificate source. Defaults to a self-signed certificate made by the proxy.</summary>
    public TlsMode Tls { get; init; } = TlsMode.SelfSigned;

    /// <summary>Where the stack runs: <see cref="KcmTarget.Compose"/> (default) or a Swarm stack file (<see cref="KcmTarget.Swarm"/>, the CA as a config).</summary>
    public KcmTarget Target { get; init; } = KcmTarget.Compose;

    /// <summary>The Swarm settings with <see cref="KcmTarget.Swarm"/>. Defaults to <see cref="KcmSwarmOptions.Default"/>.</summary>
    public KcmSwarmOptions? Swarm { get; init; }

    /// <summary>The CA's key type. Defaults to RSA-4096, as <c>ca create</c>.</summary>
    public KeyAlgorithm CaKey { get; init; } = KeyAlgorithm.Rsa4096;

    /// <summary>The clients' key type. Defaults to RSA-2048, the most widely importable.</summary>
    public KeyAlgorithm ClientKey { get; init; } = KeyAlgorithm.Rsa2048;

    /// <summary>Where new secrets (passwords in <c>.env</c>, passphrases) come from. Defaults to <see cref="KcmEnvFile.RandomSecrets"/> for <c>.env</c> and generated passphrases.</summary>
    public IKcmSecretSource? Secrets { get; init; }

    /// <summary>Further settings of the stack (ports, image tag, extra variables), applied after the defaults. Defaults to none.</summary>
    public Func<KcmStackBuilder, KcmStackBuilder>? Customize { get; init; }

    /// <summary>
    /// Set up a folder that already holds a stack: the compose file is written again, while the CA, client keys,
    /// passphrase files and the secrets in <c>.env</c> are kept (only what is missing is added). Keys are never replaced.
    /// </summary>
    public bool Force { get; init; }
}
