using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using KcmCompose.IO;

namespace KcmCompose.Verification;

/// <summary>
/// Proves on a live endpoint that client certificates are enforced: a request without a certificate must be
/// rejected, one with the operator's certificate admitted, and one with a certificate from a CA made up for the
/// run (same subject, issuer name and key type) rejected.
/// </summary>
public static partial class EndpointVerifier
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Runs the three probes. Throws <see cref="EndpointVerificationException"/> when they could not run (unreadable
    /// certificate, refused connection, untrusted server certificate, a server that does not speak TLS, no answer
    /// within the timeout).
    /// </summary>
    public static async Task<EndpointVerificationResult> VerifyAsync(
        EndpointVerificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Check(request);
        var trust = request.InsecureSkipServerCertificateCheck
            ? null
            : await ServerTrust.LoadAsync(request.ServerCaFile, cancellationToken).ConfigureAwait(false);
        var certificate = await request.ClientCertificate.LoadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var foreign = ForeignClientCertificate.Create(certificate, TimeProvider.System);
            var without = await ProbeAsync(request, trust, ProbeKind.Without, null, cancellationToken).ConfigureAwait(false);
            var with = await ProbeAsync(request, trust, ProbeKind.With, certificate, cancellationToken).ConfigureAwait(false);
            var stranger = await ProbeAsync(request, trust, ProbeKind.Foreign, foreign, cancellationToken).ConfigureAwait(false);
            return new EndpointVerificationResult
            {
                Uri = request.Uri,
                WithoutCertificate = without,
                WithCertificate = with,
                ForeignCertificate = stranger,
                ServerCertificateChecked = trust is not null,
            };
        }
        finally
        {
            if (!request.ClientCertificate.IsCallerOwned)
            {
                certificate.Dispose();
            }
        }
    }

    private static void Check(EndpointVerificationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Uri);
        ArgumentNullException.ThrowIfNull(request.ClientCertificate);
        if (!request.Uri.IsAbsoluteUri || request.Uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"'{request.Uri}' is not an https:// URL; client certificates need TLS", nameof(request));
        }

        if (request.Timeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Timeout, "the timeout must be 1 second or more");
        }

        if (request.InsecureSkipServerCertificateCheck && request.ServerCaFile is not null)
        {
            throw new ArgumentException("give a server CA file or skip the server certificate check, not both", nameof(request));
        }

        if (request.ExpectedStatusCode is < 100 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.ExpectedStatusCode, "the expected status must be 100-599");
        }
    }

    private static async Task<EndpointProbe> ProbeAsync(
        EndpointVerificationRequest request, ServerTrust? trust, ProbeKind kind, X509Certificate2? certificate, CancellationToken cancellationToken)
    {
        var observed = new Observed();
        var ssl = new SslClientAuthenticationOptions
        {
            TargetHost = request.Uri.IdnHost,
            RemoteCertificateValidationCallback = (sender, serverCertificate, _, errors) =>
                observed.Validate(sender as SslStream, serverCertificate, errors, trust),
        };
        if (certificate is not null)
        {
            // Present the certificate even when its issuer is not among the CAs the server names: the server's
            // refusal of a foreign certificate is part of what is verified.
            ssl.ClientCertificates = [certificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate;
        }

        using var handler = new SocketsHttpHandler
        {
            SslOptions = ssl,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = request.Timeout,
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = (context, token) => ConnectAsync(request.ConnectAddress, context, observed, token),
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, request.Uri);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, deadline.Token).ConfigureAwait(false);
            return Judge(request, observed, kind, (int)response.StatusCode, body, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EndpointVerificationException(
                $"{request.Uri} did not answer within {Seconds(request.Timeout)} ({Which(kind)}): check that the service is up and reachable from here, or raise the timeout",
                e);
        }
        catch (HttpRequestException e) when (observed.NotTlsAnswer is { } answer)
        {
            throw new EndpointVerificationException(
                $"{request.Uri.Host}:{request.Uri.Port} is not TLS: it answered the TLS handshake with '{answer}', so it serves plain text (HTTP) there and cannot ask for client certificates; give the port where the proxy serves https, or turn TLS on there",
                e);
        }
        catch (HttpRequestException e) when (observed.ServerCertificateProblem is not null)
        {
            throw new EndpointVerificationException(
                $"the server certificate of {request.Uri} is not trusted: {observed.ServerCertificateProblem}; give the CA that issued it (--server-ca) or, for a test, skip the check (--insecure)",
                e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError)
        {
            throw new EndpointVerificationException(
                $"cannot resolve '{request.Uri.Host}' ({Root(e)}): check the host name in the URL", e);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError && !observed.ServerCertificateSeen)
        {
            throw new EndpointVerificationException(
                $"cannot connect to {request.Uri.Host}:{request.Uri.Port} ({Root(e)}): check that the proxy is running and publishes that port", e);
        }
        catch (HttpRequestException e) when (observed.ServerCertificateSeen || e.HttpRequestError is HttpRequestError.SecureConnectionError)
        {
            return Rejected(observed, kind, Root(e), Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            throw new EndpointVerificationException(
                $"the request to {request.Uri} failed before TLS was set up ({Root(e)}): check the URL and that an https server listens there", e);
        }
    }

    private static EndpointProbe Judge(
        EndpointVerificationRequest request, Observed observed, ProbeKind kind, int status, string body, TimeSpan elapsed)
    {
        var text = NginxErrorText(body);
        // A 403 to the accepted certificate is the revocation deny list (RevocationDenyList) refusing its serial,
        // unless 403 is the status the caller expects.
        var denied = kind == ProbeKind.With && status == 403 && request.ExpectedStatusCode != 403;
        var refused = denied || status is 495 or 496 || (status == 400 && text is not null && IsCertificateText(text));
        var outcome = refused ? ProbeOutcome.RejectedWithStatus : ProbeOutcome.Admitted;
        var shown = text is null ? status.ToString(CultureInfo.InvariantCulture) : $"{status} {text}";
        bool asRequired;
        string verdict;
        switch (kind)
        {
            case ProbeKind.Without:
                asRequired = refused;
                verdict = refused
                    ? $"Without a certificate: rejected ({shown}) - as required."
                    : $"Without a certificate: admitted ({shown}) - the endpoint does not enforce client certificates.";
                break;
            case ProbeKind.Foreign:
                asRequired = refused;
                verdict = refused
                    ? $"With a certificate from an unknown CA: rejected ({shown}) - as required."
                    : $"With a certificate from an unknown CA: admitted ({shown}) - the endpoint accepts certificates from any CA (is ssl_verify_client optional_no_ca?).";
                break;
            default:
                if (denied)
                {
                    asRequired = false;
                    verdict = $"With the certificate: refused ({shown}) - the proxy refuses this certificate (revoked: its serial is in the deny list?); check it with 'kcm-compose check-client CERT FILE --ca-dir DIR'.";
                }
                else if (refused)
                {
                    asRequired = false;
                    verdict = $"With the certificate: rejected ({shown}) - the endpoint does not accept this certificate.";
                }
                else if (request.ExpectedStatusCode is { } expected && expected != status)
                {
                    asRequired = false;
                    verdict = $"With the certificate: admitted but answered {shown}, not the expected {expected}.";
                }
                else
                {
                    asRequired = true;
                    verdict = $"With the certificate: admitted ({shown}) - as required.";
                }

                break;
        }

        return new EndpointProbe
        {
            PresentedCertificate = kind != ProbeKind.Without,
            Outcome = outcome,
            AsRequired = asRequired,
            StatusCode = status,
            ErrorText = refused ? text : null,
            TlsProtocol = observed.Protocol,
            ServerCertificateSubject = observed.Subject,
            ServerCertificateIssuer = observed.Issuer,
            Elapsed = elapsed,
            Verdict = verdict,
        };
    }

    private static EndpointProbe Rejected(Observed observed, ProbeKind kind, string error, TimeSpan elapsed) => new()
    {
        PresentedCertificate = kind != ProbeKind.Without,
        Outcome = ProbeOutcome.RejectedInHandshake,
        AsRequired = kind != ProbeKind.With,
        ErrorText = error,
        TlsProtocol = observed.Protocol,
        ServerCertificateSubject = observed.Subject,
        ServerCertificateIssuer = observed.Issuer,
        Elapsed = elapsed,
        Verdict = kind switch
        {
            ProbeKind.Without => $"Without a certificate: rejected in the TLS handshake ({error}) - as required.",
            ProbeKind.Foreign => $"With a certificate from an unknown CA: rejected in the TLS handshake ({error}) - as required.",
            _ => $"With the certificate: rejected in the TLS handshake ({error}) - the endpoint does not accept this certificate.",
        },
    };

    /// <summary>Connects as the handler would, through a stream that keeps the server's first bytes (to tell a server that is not TLS).</summary>
    private static async ValueTask<Stream> ConnectAsync(string? address, SocketsHttpConnectionContext context, Observed observed, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address is null ? context.DnsEndPoint : new DnsEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new FirstBytesStream(new NetworkStream(socket, ownsSocket: true), observed.Received);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsCertificateText(string text) =>
        text.Contains("certificate", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of nginx's error page title (<c>&lt;title&gt;400 No required SSL certificate was sent&lt;/title&gt;</c>).</summary>
    internal static string? NginxErrorText(string body)
    {
        var match = TitlePattern().Match(body);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"<title>\s*\d{3}\s+([^<]{1,200})</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TitlePattern();

    /// <summary>OpenSSL's <c>error:0A00045C:SSL routines::</c> before the readable reason.</summary>
    [GeneratedRegex(@"error:[0-9A-Fa-f]{8}:[^:]*::?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex OpenSslErrorPrefix();

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    private static string Which(ProbeKind kind) => kind switch
    {
        ProbeKind.Without => "probe without a client certificate",
        ProbeKind.Foreign => "probe with a certificate from an unknown CA",
        _ => "probe with the client certificate",
    };

    private static string Seconds(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.#} s");

    /// <summary>The innermost message, which names the actual cause (connection refused, alert received).</summary>
    private static string Root(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        var message = inner is SocketException socket ? $"{socket.SocketErrorCode}: {socket.Message}" : inner.Message;
        return OpenSslErrorPrefix().Replace(message.ReplaceLineEndings(" ").Trim().TrimEnd('.'), string.Empty);
    }

    private enum ProbeKind
    {
        Without,
        With,
        Foreign,
    }

    /// <summary>What the TLS layer saw during one probe.</summary>
    private sealed class Observed
    {
        /// <summary>The first bytes the server sent.</summary>
        public FirstBytes Received { get; } = new();

        /// <summary>
        /// The server's first line when its first bytes are not a TLS record (content type 20-23, version 3.x): a
        /// plain-HTTP server answers a ClientHello with <c>HTTP/1.1 400 Bad Request</c>. Null for a TLS server.
        /// </summary>
        public string? NotTlsAnswer
        {
            get
            {
                var bytes = Received.Bytes;
                if (bytes.Length == 0 || (bytes[0] is >= 20 and <= 23 && (bytes.Length < 2 || bytes[1] == 3)))
                {
                    return null;
                }

                var text = new string(Encoding.ASCII.GetString(bytes).TakeWhile(c => c is not '\r' and not '\n').Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
                return text.Length == 0 ? Convert.ToHexString(bytes) : text;
            }
        }

        public bool ServerCertificateSeen { get; private set; }

        public string? ServerCertificateProblem { get; private set; }

        public SslProtocols? Protocol { get; private set; }

        public string? Subject { get; private set; }

        public string? Issuer { get; private set; }

        public bool Validate(SslStream? stream, X509Certificate? certificate, SslPolicyErrors errors, ServerTrust? trust)
        {
            ServerCertificateSeen = true;
            if (stream is not null)
            {
                try
                {
                    Protocol = stream.SslProtocol;
                }
                catch (InvalidOperationException)
                {
                    Protocol = null;
                }
            }

            if (certificate is null)
            {
                ServerCertificateProblem = "the server sent no certificate";
                return false;
            }

            using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            Subject = server.Subject;
            Issuer = server.Issuer;
            if (trust is null)
            {
                return true;
            }

            ServerCertificateProblem = trust.Check(server, errors);
            return ServerCertificateProblem is null;
        }
    }

    /// <summary>The server-certificate trust: the system store, or only the CAs of a given file.</summary>
    private sealed class ServerTrust
    {
        private readonly X509Certificate2Collection? _roots;
        private readonly string? _file;

        private ServerTrust(X509Certificate2Collection? roots, string? file)
        {
            _roots = roots;
            _file = file;
        }

        public static async Task<ServerTrust> LoadAsync(string? file, CancellationToken cancellationToken)
        {
            if (file is null)
            {
                return new ServerTrust(null, null);
            }

            string text;
            try
            {
                text = await InputFile.ReadAllTextAsync(file, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new EndpointVerificationException($"cannot read the server CA file '{file}': {e.Message}", e);
            }

            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPem(text);
            }
            catch (CryptographicException e)
            {
                throw new EndpointVerificationException($"'{file}' holds a damaged PEM certificate ({e.Message.TrimEnd('.')})", e);
            }

            if (roots.Count == 0)
            {
                throw new EndpointVerificationException($"'{file}' holds no PEM certificate: give the CA certificate that issued the server certificate");
            }

            return new ServerTrust(roots, file);
        }

        /// <summary>Null when trusted; otherwise what is wrong, in a phrase.</summary>
        public string? Check(X509Certificate2 server, SslPolicyErrors errors)
        {
            var problems = new List<string>();
            if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                problems.Add($"it does not name the host in the URL (subject '{server.Subject}')");
            }

            if (_roots is null)
            {
                if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
                {
                    problems.Add($"its issuer '{server.Issuer}' is not trusted by this system");
                }
            }
            else
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (!chain.Build(server))
                {
                    var status = chain.ChainStatus.Select(s => s.StatusInformation.Trim().TrimEnd('.')).Where(s => s.Length > 0).Distinct();
                    problems.Add($"its chain does not lead to a CA in '{_file}' (issuer '{server.Issuer}': {string.Join("; ", status)})");
                }
            }

            return problems.Count == 0 ? null : string.Join(", and ", problems);
        }
    }
}
