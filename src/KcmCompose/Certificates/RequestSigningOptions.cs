namespace KcmCompose.Certificates;

/// <summary>How to sign a PKCS#10 request made elsewhere with <see cref="CertificateAuthority.SignRequestAsync"/>.</summary>
public sealed record RequestSigningOptions
{
    /// <summary>The request file (PEM or DER). Its signature is verified before anything is signed.</summary>
    public required string RequestPath { get; init; }

    /// <summary>Where to write the certificate (PEM).</summary>
    public required string OutputPath { get; init; }

    /// <summary>The passphrase of <c>ca.key</c>; null when the key is not encrypted.</summary>
    public string? CaPassphrase { get; init; }

    /// <summary>
    /// The name recorded in the index, which is always the request's common name (held to the client name rule); when given,
    /// it must equal that CN, else the request is refused. Defaults to null: the CN.
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Days the certificate is valid from now. Defaults to 365; 1 to 36500.</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>What to do when the validity would outlast the CA. Defaults to <see cref="ValidityOverrun.Clamp"/>.</summary>
    public ValidityOverrun Overrun { get; init; } = ValidityOverrun.Clamp;

    /// <summary>Replace an existing output file. Defaults to false: refused.</summary>
    public bool Force { get; init; }
}
