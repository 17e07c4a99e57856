namespace KcmCompose.Certificates;

/// <summary>How to create a CA with <see cref="CertificateAuthority.CreateAsync"/>.</summary>
public sealed record CaCreationOptions
{
    /// <summary>The CA key type. Defaults to <see cref="KeyAlgorithm.Rsa4096"/>.</summary>
    public KeyAlgorithm Key { get; init; } = KeyAlgorithm.Rsa4096;

    /// <summary>Days the CA certificate is valid from now. Defaults to 365; 1 to 36500.</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>The CA subject; every field optional. Defaults to <c>/CN=KCM Client CA</c>; an empty subject gets that common name.</summary>
    public CertificateSubject Subject { get; init; } = CertificateSubject.FromCommonName("KCM Client CA");

    /// <summary>The BasicConstraints path length; null (the default) sets none. 0 or more.</summary>
    public int? PathLength { get; init; }

    /// <summary>
    /// The passphrase that encrypts <c>ca.key</c>. Null (the default) generates one and returns it once in
    /// <see cref="CaCreationResult.GeneratedPassphrase"/>.
    /// </summary>
    public string? Passphrase { get; init; }

    /// <summary>Write <c>ca.key</c> unencrypted (0600 still). Defaults to false; only for keys kept in a secrets store.</summary>
    public bool Unencrypted { get; init; }

    /// <summary>Replace an existing <c>ca.crt</c>/<c>ca.key</c> (and start a new index). Defaults to false: an existing CA is refused.</summary>
    public bool Force { get; init; }
}
