namespace KcmCompose.Certificates;

/// <summary>What issuing or renewing a client wrote.</summary>
/// <param name="Certificate">The new certificate as recorded in the CA index.</param>
/// <param name="CertificatePath">The client certificate (PEM).</param>
/// <param name="KeyPath">The client private key (encrypted PKCS#8 PEM, 0600).</param>
/// <param name="PfxPath">The PKCS#12 file for browser import (0600).</param>
/// <param name="GeneratedPassphrase">The passphrase generated for .key and .pfx when none was given; shown once, never stored.</param>
/// <param name="ValidityClamped">True when the validity was shortened to end with the CA certificate.</param>
public sealed record ClientIssueResult(
    IssuedCertificate Certificate,
    string CertificatePath,
    string KeyPath,
    string PfxPath,
    string? GeneratedPassphrase,
    bool ValidityClamped);
