namespace KcmCompose.Certificates;

/// <summary>How to issue a client with <see cref="CertificateAuthority.IssueClientAsync"/>.</summary>
public sealed record ClientIssueOptions
{
    /// <summary>The client name: subject common name, PKCS#12 friendly name and file name. 1-64 of A-Z a-z 0-9 . _ @ -, not starting with a dot.</summary>
    public required string Name { get; init; }

    /// <summary>The passphrase of <c>ca.key</c>; null when the key is not encrypted.</summary>
    public string? CaPassphrase { get; init; }

    /// <summary>The client key type. Defaults to <see cref="KeyAlgorithm.Rsa2048"/>, which every browser and keychain imports.</summary>
    public KeyAlgorithm Key { get; init; } = KeyAlgorithm.Rsa2048;

    /// <summary>Days the certificate is valid from now. Defaults to 365; 1 to 36500; never past the CA's end (see <see cref="Overrun"/>).</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>What to do when the validity would outlast the CA. Defaults to <see cref="ValidityOverrun.Clamp"/>.</summary>
    public ValidityOverrun Overrun { get; init; } = ValidityOverrun.Clamp;

    /// <summary>How the .pfx is protected. Defaults to <see cref="PfxFormat.Compatible"/>.</summary>
    public PfxFormat PfxFormat { get; init; } = PfxFormat.Compatible;

    /// <summary>Put the CA certificate into the .pfx too. Defaults to true.</summary>
    public bool IncludeChain { get; init; } = true;

    /// <summary>
    /// The passphrase protecting both the client's .key and .pfx. Null (the default) generates one and returns it once in
    /// <see cref="ClientIssueResult.GeneratedPassphrase"/>.
    /// </summary>
    public string? Passphrase { get; init; }

    /// <summary>Replace existing files for this client name. Defaults to false: refused.</summary>
    public bool Force { get; init; }
}
