using System.Text;
using System.Text.Json;
using KcmCompose.Certificates;

namespace KcmCompose.Validation;

/// <summary>The JSON <c>kcm-compose check-client --format json</c> prints, one shape for the CLI and for callers that log it.</summary>
public static class ClientCertificateCheckJson
{
    /// <summary>
    /// A verdict: <c>verdict</c> (accept or reject), <c>reason</c>, <c>code</c> (a catalog code, or null when accepted),
    /// <c>chain</c> (subjects, client first), and the revocation answers <c>serial</c>, <c>revoked</c>, <c>revokedAt</c>,
    /// <c>proxyRefuses</c>, <c>revocation</c>.
    /// </summary>
    public static string Format(ClientCertificateCheckResult result, ClientRevocationResult revocation)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(revocation);
        return Write(json =>
        {
            json.WriteString("verdict", result.Accepted ? "accept" : "reject");
            json.WriteString("reason", result.Reason);
            json.WriteString("code", result.Error.ToCode());
            json.WriteStartArray("chain");
            foreach (var element in result.Path)
            {
                json.WriteStringValue(element.Subject);
            }

            json.WriteEndArray();
            json.WriteString("serial", revocation.SerialNumber);
            json.WriteBoolean("revoked", revocation.IsRevoked);
            if (revocation.RevokedAt is { } at)
            {
                json.WriteString("revokedAt", at);
            }
            else
            {
                json.WriteNull("revokedAt");
            }

            if (revocation.ProxyRefuses is { } refuses)
            {
                json.WriteBoolean("proxyRefuses", refuses);
            }
            else
            {
                json.WriteNull("proxyRefuses");
            }

            json.WriteString("revocation", revocation.Reason);
        });
    }

    /// <summary>The check could not run, or a finding of the file (<paramref name="code"/>) stopped it: <c>verdict</c> error.</summary>
    public static string FormatFailure(string message, string? code) => Write(json =>
    {
        json.WriteString("verdict", "error");
        json.WriteString("code", code);
        json.WriteString("reason", message);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
