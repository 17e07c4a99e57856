using System.Security.Authentication;
using System.Text;
using System.Text.Json;

namespace KcmCompose.Verification;

/// <summary>The JSON form of a verification, one shape for the CLI and for callers that log it.</summary>
public sealed partial record EndpointVerificationResult
{
    /// <summary>The result as the JSON <c>kcm-compose verify --format json</c> prints (documented in docs/verification.md).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("url", Uri.ToString());
            json.WriteBoolean("passed", Succeeded);
            json.WriteBoolean("serverCertificateChecked", ServerCertificateChecked);
            Probe(json, "withoutCertificate", WithoutCertificate);
            Probe(json, "withCertificate", WithCertificate);
            Probe(json, "foreignCertificate", ForeignCertificate);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Probe(Utf8JsonWriter json, string name, EndpointProbe probe)
    {
        json.WriteStartObject(name);
        json.WriteString("outcome", probe.Outcome switch
        {
            ProbeOutcome.Admitted => "admitted",
            ProbeOutcome.RejectedWithStatus => "rejected-with-status",
            _ => "rejected-in-handshake",
        });
        json.WriteBoolean("asRequired", probe.AsRequired);
        if (probe.StatusCode is { } status)
        {
            json.WriteNumber("status", status);
        }
        else
        {
            json.WriteNull("status");
        }

        json.WriteString("errorText", probe.ErrorText);
        json.WriteString("tlsProtocol", probe.TlsProtocol is { } protocol ? Protocol(protocol) : null);
        json.WriteString("serverCertificateSubject", probe.ServerCertificateSubject);
        json.WriteString("serverCertificateIssuer", probe.ServerCertificateIssuer);
        json.WriteNumber("elapsedMilliseconds", Math.Round(probe.Elapsed.TotalMilliseconds, 1));
        json.WriteString("verdict", probe.Verdict);
        json.WriteEndObject();
    }

    private static string Protocol(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        _ => protocol.ToString(),
    };
}
