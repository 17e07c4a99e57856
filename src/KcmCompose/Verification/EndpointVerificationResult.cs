namespace KcmCompose.Verification;

/// <summary>Both probes and the overall judgement.</summary>
public sealed record EndpointVerificationResult
{
    /// <summary>The endpoint probed.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The probe without a client certificate (must be rejected).</summary>
    public required EndpointProbe WithoutCertificate { get; init; }

    /// <summary>The probe with the client certificate (must be admitted).</summary>
    public required EndpointProbe WithCertificate { get; init; }

    /// <summary>False when the server certificate was not checked (<see cref="EndpointVerificationRequest.InsecureSkipServerCertificateCheck"/>).</summary>
    public required bool ServerCertificateChecked { get; init; }

    /// <summary>Both probes went as a client-certificate endpoint requires.</summary>
    public bool Passed => WithoutCertificate.AsRequired && WithCertificate.AsRequired;
}
