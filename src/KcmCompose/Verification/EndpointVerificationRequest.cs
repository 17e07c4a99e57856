namespace KcmCompose.Verification;

/// <summary>What to probe and how: the endpoint, the client certificate, and which server certificate to trust.</summary>
public sealed record EndpointVerificationRequest
{
    /// <summary>The endpoint, for example <c>https://kcm.example.com/</c>; https only.</summary>
    public required Uri Uri { get; init; }

    /// <summary>The client certificate presented by the second probe.</summary>
    public required ClientCertificateSource ClientCertificate { get; init; }

    /// <summary>
    /// A PEM file of CA certificates to trust for the server certificate (instead of the system store).
    /// Defaults to null: the system trust store.
    /// </summary>
    public string? ServerCaFile { get; init; }

    /// <summary>Accept any server certificate; the result records that it was not checked. Defaults to false.</summary>
    public bool InsecureSkipServerCertificateCheck { get; init; }

    /// <summary>
    /// Connect to this address (an IP address or host name) instead of the URL's host, as curl's <c>--resolve</c> does:
    /// the TLS server name (SNI) and the <c>Host</c> header stay the URL's host name, so the proxy's server for that
    /// name answers (<c>SERVERS</c>). Defaults to null: the URL's host.
    /// </summary>
    public string? ConnectAddress { get; init; }

    /// <summary>The most each probe may take, connection included. Defaults to 10 seconds; 1 second or more.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The status the admitted probe must get (for example 200); defaults to null: any status that is not a
    /// client-certificate refusal.
    /// </summary>
    public int? ExpectedStatusCode { get; init; }
}
