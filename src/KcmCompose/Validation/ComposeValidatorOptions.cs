using KcmCompose.Certificates;
using KcmCompose.IO;

namespace KcmCompose.Validation;

/// <summary>Settings for <see cref="ComposeValidator"/>; every property has a working default.</summary>
public sealed record ComposeValidatorOptions
{
    /// <summary>The default options.</summary>
    public static ComposeValidatorOptions Default { get; } = new();

    /// <summary>The clock for certificate expiry checks. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long before a certificate expires to warn about it. Defaults to 30 days; zero or more.</summary>
    public TimeSpan ExpiryWarningWindow { get; init; } = TimeSpan.FromDays(30);

    /// <summary>An env file to use instead of the <c>.env</c> beside the compose file. Defaults to none.</summary>
    public string? EnvFile { get; init; }

    /// <summary>The Compose project name (<c>-p</c>), which <c>${COMPOSE_PROJECT_NAME}</c> interpolates to. Defaults to Compose's own derivation.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Files larger than this are reported as <c>file-too-large</c> without being parsed. Defaults to 4 MiB; more than 0.</summary>
    public long MaxFileSize { get; init; } = InputFile.LimitOf(InputFileKind.Compose);

    /// <summary>
    /// The variables of the process that would run <c>docker compose</c>; they win over the env file.
    /// Defaults to <see langword="null"/>, meaning the current process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ProcessEnvironment { get; init; }

    /// <summary>
    /// What the client CA revoked (<see cref="RevocationList.FromCaAsync"/> or <see cref="RevocationList.FromCrlAsync"/>):
    /// the proxy's deny list is checked against it (<c>revocation-not-enforced</c>, <c>deny-list-stale</c>). Defaults to
    /// <see langword="null"/>, meaning revocation is not checked.
    /// </summary>
    public RevocationList? Revocations { get; init; }

    /// <summary>
    /// Whether the file is a Swarm stack file (<see cref="Kcm.KcmTarget.Swarm"/>: Swarm-only keys checked, keys Swarm ignores
    /// reported) or a Compose file. Defaults to <see langword="null"/>: a Swarm stack file when any service has <c>deploy:</c>.
    /// </summary>
    public Kcm.KcmTarget? Target { get; init; }
}
