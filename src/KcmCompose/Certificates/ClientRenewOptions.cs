namespace KcmCompose.Certificates;

/// <summary>How to renew a client with <see cref="CertificateAuthority.RenewClientAsync"/>.</summary>
public sealed record ClientRenewOptions
{
    /// <summary>The client name, as issued under <c>clients/</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The passphrase of <c>ca.key</c>; null when the key is not encrypted.</summary>
    public string? CaPassphrase { get; init; }

    /// <summary>
    /// The passphrase of the client's current .key (needed to keep the key, and to build the .pfx); it also protects the
    /// new files. With <see cref="NewKey"/> and null, a passphrase is generated and returned once.
    /// </summary>
    public string? Passphrase { get; init; }

    /// <summary>Generate a new key instead of keeping the current one. Defaults to false.</summary>
    public bool NewKey { get; init; }

    /// <summary>The type of a new key; null (the default) keeps the current key's type. Only with <see cref="NewKey"/>.</summary>
    public KeyAlgorithm? Key { get; init; }

    /// <summary>Days the new certificate is valid from now. Defaults to 365; 1 to 36500.</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>What to do when the validity would outlast the CA. Defaults to <see cref="ValidityOverrun.Clamp"/>.</summary>
    public ValidityOverrun Overrun { get; init; } = ValidityOverrun.Clamp;

    /// <summary>How the new .pfx is protected. Defaults to <see cref="PfxFormat.Compatible"/>.</summary>
    public PfxFormat PfxFormat { get; init; } = PfxFormat.Compatible;

    /// <summary>Put the CA certificate into the .pfx too. Defaults to true.</summary>
    public bool IncludeChain { get; init; } = true;

    /// <summary>
    /// Renew even when the client's current certificate is revoked, making the client valid again (the revoked certificate
    /// stays revoked). Defaults to false: renewing a revoked client is refused.
    /// </summary>
    public bool AllowRevoked { get; init; }
}
