using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace KcmCompose.IntegrationTests.Docker.Swarm;

/// <summary>
/// Clients that knock on the proxy in a loop on a background task, each request on a new TLS connection (so the kernel
/// may hand it to any task listening), and keep what every request got with its time.
/// </summary>
public sealed class AdmissionPoller : IAsyncDisposable
{
    private readonly List<Knock> _knocks = [];
    private readonly CancellationTokenSource _stop = new(); // not disposed: the loop may still read its token while it ends
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public AdmissionPoller(int port, IReadOnlyDictionary<string, X509Certificate2?> clients)
    {
        // One loop per client, so a slow answer to one (a connection waiting in the accept queue of a task that is
        // still starting) does not hide what the others get meanwhile.
        _loop = Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var at = _clock.Elapsed;
                var status = await StatusAsync(port, client.Value, _stop.Token).ConfigureAwait(false);
                lock (_knocks)
                {
                    _knocks.Add(new Knock(at, _clock.Elapsed, client.Key, status));
                }
            }
        })));
    }

    /// <summary>Elapsed time on the poller's clock.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Knock> Knocks
    {
        get
        {
            lock (_knocks)
            {
                return [.. _knocks];
            }
        }
    }

    /// <summary>
    /// The longest stretch between <paramref name="from"/> and <paramref name="to"/> in which no knock of any of
    /// <paramref name="admittedClients"/> was answered with 200, measured between those answers (or the bounds).
    /// </summary>
    public TimeSpan LongestWindowWithoutAdmission(TimeSpan from, TimeSpan to, params string[] admittedClients)
    {
        var (start, end) = Gap(from, to, admittedClients);
        return end - start;
    }

    private (TimeSpan Start, TimeSpan End) Gap(TimeSpan from, TimeSpan to, string[] admittedClients)
    {
        var admitted = Knocks.Where(k => k.Answered >= from && k.Answered <= to && k.Status == 200 && admittedClients.Contains(k.Client)).Select(k => k.Answered).Order().ToList();
        var points = new List<TimeSpan> { from };
        points.AddRange(admitted);
        points.Add(to);
        return points.Zip(points.Skip(1)).MaxBy(p => p.Second - p.First);
    }

    /// <summary>The knocks from a little before to a little after the longest window, one line each, for the report.</summary>
    public string Around(TimeSpan from, TimeSpan to, params string[] admittedClients)
    {
        var (start, end) = Gap(from, to, admittedClients);
        return string.Join("\n", Knocks.Where(k => k.Answered >= start - TimeSpan.FromMilliseconds(100) && k.At <= end + TimeSpan.FromMilliseconds(100)).OrderBy(k => k.At)
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"  sent {(k.At - from).TotalMilliseconds,6:0} ms, answered {(k.Answered - from).TotalMilliseconds,6:0} ms: {k.Client,-4} {k.Status}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_loop.IsCompleted)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

    }

    /// <summary>One GET on a fresh connection: the HTTP status, or 0 when the connection or handshake failed.</summary>
    public static async Task<int> StatusAsync(int port, X509Certificate2? certificate, CancellationToken cancellationToken = default)
    {
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            SslOptions = new SslClientAuthenticationOptions
            {
#pragma warning disable CA5359 // each proxy task makes a throwaway self-signed server certificate at start; what is tested is the client side
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/")), cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>One request: when it was sent, when its answer came, who sent it, and the status (0: no answer).</summary>
    /// <summary>The SHA-256 thumbprint of the certificate the proxy serves on a fresh connection.</summary>
    public static async Task<string> ServerThumbprintAsync(int port)
    {
        var thumbprint = string.Empty;
        using var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    thumbprint = certificate is null ? string.Empty : Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
                    return thumbprint.Length > 0;
                },
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        using var response = await client.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/"))).ConfigureAwait(false);
        return thumbprint;
    }

    public sealed record Knock(TimeSpan At, TimeSpan Answered, string Client, int Status);
}
