namespace KcmCompose.Verification;

/// <summary>The three probes and the overall judgement.</summary>
public sealed partial record EndpointVerificationResult
{
    /// <summary>The endpoint probed.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The probe without a client certificate (must be rejected).</summary>
    public required EndpointProbe WithoutCertificate { get; init; }

    /// <summary>The probe with the client certificate (must be admitted).</summary>
    public required EndpointProbe WithCertificate { get; init; }

    /// <summary>
    /// The probe with a certificate from a CA made up for the run, with the client certificate's subject, issuer name
    /// and key type (must be rejected: a server that admits it trusts any CA, as <c>ssl_verify_client optional_no_ca</c> does).
    /// </summary>
    public required EndpointProbe ForeignCertificate { get; init; }

    /// <summary>False when the server certificate was not checked (<see cref="EndpointVerificationRequest.InsecureSkipServerCertificateCheck"/>).</summary>
    public required bool ServerCertificateChecked { get; init; }

    /// <summary>All three probes went as a client-certificate endpoint requires.</summary>
    public bool Succeeded => WithoutCertificate.AsRequired && WithCertificate.AsRequired && ForeignCertificate.AsRequired;
}
