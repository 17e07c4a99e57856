using System.Security.Authentication;

namespace KcmCompose.Verification;

/// <summary>One request to the endpoint, with or without the client certificate, and how it was judged.</summary>
public sealed record EndpointProbe
{
    /// <summary>True for the probe that presented the client certificate.</summary>
    public required bool PresentedCertificate { get; init; }

    /// <summary>What the endpoint did.</summary>
    public required ProbeOutcome Outcome { get; init; }

    /// <summary>True when <see cref="Outcome"/> is what a client-certificate endpoint must do for this probe.</summary>
    public required bool AsRequired { get; init; }

    /// <summary>The HTTP status, or null when there was no HTTP response.</summary>
    public int? StatusCode { get; init; }

    /// <summary>nginx's error text (<c>No required SSL certificate was sent</c>), or the handshake error; null otherwise.</summary>
    public string? ErrorText { get; init; }

    /// <summary>The negotiated TLS version, when the handshake got that far.</summary>
    public SslProtocols? TlsProtocol { get; init; }

    /// <summary>The server certificate's subject, when one was received.</summary>
    public string? ServerCertificateSubject { get; init; }

    /// <summary>The server certificate's issuer, when one was received.</summary>
    public string? ServerCertificateIssuer { get; init; }

    /// <summary>From the start of the connection to the end of the response (or the failure).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>One sentence: "Without a certificate: rejected (400 No required SSL certificate was sent) - as required."</summary>
    public required string Verdict { get; init; }
}
