namespace KcmCompose.Certificates;

/// <summary>How to write a CRL with <see cref="CertificateAuthority.WriteCrlAsync"/>.</summary>
public sealed record CrlOptions
{
    /// <summary>Where to write the CRL (PEM, <c>X509 CRL</c>); an existing file is replaced.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The passphrase of <c>ca.key</c>; null when the key is not encrypted.</summary>
    public string? CaPassphrase { get; init; }

    /// <summary>Days until the CRL's next update; publish a new one before then. Defaults to 30; 1 to 3650.</summary>
    public int NextUpdateDays { get; init; } = 30;
}
