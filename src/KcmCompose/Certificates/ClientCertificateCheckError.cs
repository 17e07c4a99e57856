namespace KcmCompose.Certificates;

/// <summary>Why OpenSSL would refuse a client chain; the names follow OpenSSL's <c>X509_V_ERR_*</c> codes.</summary>
public enum ClientCertificateCheckError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>nginx would not start: the CA file cannot be loaded.</summary>
    CaFileUnusable,

    /// <summary>
    /// The issuer of a certificate taken from the CA file is missing (<c>UNABLE_TO_GET_ISSUER_CERT</c>): the file holds an
    /// intermediate without its root. Even <c>optional_no_ca</c> rejects this.
    /// </summary>
    UnableToGetIssuer,

    /// <summary>
    /// The issuer of a certificate the client sent is in neither the CA file nor the client's chain
    /// (<c>UNABLE_TO_GET_ISSUER_CERT_LOCALLY</c>): an unknown CA. <c>optional_no_ca</c> lets this through.
    /// </summary>
    UnableToGetIssuerLocally,

    /// <summary>The chain ends in a self-signed certificate that is not in the CA file (<c>SELF_SIGNED_CERT_IN_CHAIN</c>, <c>DEPTH_ZERO_SELF_SIGNED_CERT</c>).</summary>
    UntrustedSelfSigned,

    /// <summary>More intermediates than <c>ssl_verify_depth</c> allows (<c>CERT_CHAIN_TOO_LONG</c>).</summary>
    ChainTooLong,

    /// <summary>An issuer is not a CA: no <c>CA:TRUE</c> (<c>INVALID_CA</c>).</summary>
    InvalidCa,

    /// <summary>A CA's pathLenConstraint is exceeded (<c>PATH_LENGTH_EXCEEDED</c>).</summary>
    PathLengthExceeded,

    /// <summary>The client certificate's keyUsage or extendedKeyUsage (or a CA's extendedKeyUsage) rules out TLS client authentication (<c>INVALID_PURPOSE</c>).</summary>
    InvalidPurpose,

    /// <summary>A certificate is not yet valid (<c>CERT_NOT_YET_VALID</c>).</summary>
    NotYetValid,

    /// <summary>A certificate has expired (<c>CERT_HAS_EXPIRED</c>).</summary>
    Expired,

    /// <summary>A signature does not verify (<c>CERT_SIGNATURE_FAILURE</c>).</summary>
    SignatureFailure,

    /// <summary>A key is below security level 2 (<c>EE_KEY_TOO_SMALL</c>, <c>CA_KEY_TOO_SMALL</c>).</summary>
    KeyTooSmall,

    /// <summary>A certificate below the root is signed with MD5 or SHA-1 (<c>CA_MD_TOO_WEAK</c>).</summary>
    WeakSignature,

    /// <summary>The CA revoked the certificate (its index or CRL lists the serial; <c>CERT_REVOKED</c>).</summary>
    Revoked,
}
