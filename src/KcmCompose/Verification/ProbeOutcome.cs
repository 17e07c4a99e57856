namespace KcmCompose.Verification;

/// <summary>How the endpoint answered one probe.</summary>
public enum ProbeOutcome
{
    /// <summary>An HTTP response that is not a client-certificate refusal.</summary>
    Admitted,

    /// <summary>An HTTP refusal for the certificate: 400 with nginx's certificate text, 495 or 496.</summary>
    RejectedWithStatus,

    /// <summary>The TLS handshake (or the connection right after it) was ended by the server.</summary>
    RejectedInHandshake,
}
