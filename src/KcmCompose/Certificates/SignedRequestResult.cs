namespace KcmCompose.Certificates;

/// <summary>What signing a request wrote.</summary>
/// <param name="Certificate">The new certificate as recorded in the CA index.</param>
/// <param name="CertificatePath">The certificate (PEM).</param>
/// <param name="ValidityClamped">True when the validity was shortened to end with the CA certificate.</param>
public sealed record SignedRequestResult(IssuedCertificate Certificate, string CertificatePath, bool ValidityClamped);
