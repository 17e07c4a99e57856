namespace KcmCompose.Certificates;

/// <summary>The key types this PKI generates. CLI spelling: rsa2048, rsa3072, rsa4096, p256, p384.</summary>
public enum KeyAlgorithm
{
    /// <summary>RSA with a 2048-bit modulus; the most widely importable client key.</summary>
    Rsa2048,

    /// <summary>RSA with a 3072-bit modulus.</summary>
    Rsa3072,

    /// <summary>RSA with a 4096-bit modulus; the default for a CA.</summary>
    Rsa4096,

    /// <summary>ECDSA on NIST P-256, signing with SHA-256.</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384, signing with SHA-384.</summary>
    EcdsaP384,
}
