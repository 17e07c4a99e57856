using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KcmCompose.Verification;

namespace KcmCompose.Tests.Verification;

public class EndpointVerifierTests
{
    private static X509Certificate2 SelfSignedClient()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=unit-client", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private static EndpointVerificationRequest Request(string url) => new()
    {
        Uri = new Uri(url),
        ClientCertificate = ClientCertificateSource.FromCertificate(SelfSignedClient()),
        InsecureSkipServerCertificateCheck = true,
        Timeout = TimeSpan.FromSeconds(1),
    };

    [TestCase("<html><head><title>400 No required SSL certificate was sent</title></head>", "No required SSL certificate was sent")]
    [TestCase("<title>400 The SSL certificate error</title>", "The SSL certificate error")]
    [TestCase("<TITLE> 496 SSL Certificate Required</TITLE>", "SSL Certificate Required")]
    [TestCase("hello CN=alice\n", null)]
    [TestCase("<title>Keeper Connection Manager</title>", null)]
    public void NginxErrorText_Body_FindsTheStatusTitle(string body, string? expected) =>
        EndpointVerifier.NginxErrorText(body).Should().Be(expected);

    [TestCase("http://127.0.0.1:1/")]
    [TestCase("ftp://127.0.0.1/")]
    public async Task VerifyAsync_NotHttps_ThrowsArgumentException(string url)
    {
        var act = () => EndpointVerifier.VerifyAsync(Request(url));

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*https*");
    }

    [Test]
    public async Task VerifyAsync_TimeoutBelowOneSecond_ThrowsOutOfRange()
    {
        var act = () => EndpointVerifier.VerifyAsync(Request("https://127.0.0.1:1/") with { Timeout = TimeSpan.FromMilliseconds(999) });

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*1 second*");
    }

    [Test]
    public async Task VerifyAsync_ServerCaAndInsecure_ThrowsArgumentException()
    {
        var act = () => EndpointVerifier.VerifyAsync(Request("https://127.0.0.1:1/") with { ServerCaFile = "ca.crt" });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*not both*");
    }

    [Test]
    public async Task VerifyAsync_MissingPfx_ThrowsVerificationExceptionNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kcm-verify-" + Guid.NewGuid().ToString("N"), "alice.pfx");
        var act = () => EndpointVerifier.VerifyAsync(Request("https://127.0.0.1:1/") with
        {
            ClientCertificate = ClientCertificateSource.FromPfxFile(missing, "x"),
        });

        await act.Should().ThrowAsync<EndpointVerificationException>().WithMessage($"*cannot read '{missing}'*");
    }

    [Test]
    public async Task VerifyAsync_ServerNeverAnswers_ThrowsWithinTheTimeout()
    {
        // Accepts TCP connections and never speaks: the TLS handshake waits for a ServerHello that never comes.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var watch = Stopwatch.StartNew();

        var act = () => EndpointVerifier.VerifyAsync(Request($"https://127.0.0.1:{port}/"));

        await act.Should().ThrowAsync<EndpointVerificationException>().WithMessage("*did not answer within 1 s*");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task VerifyAsync_NothingListens_ThrowsCannotConnect()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var act = () => EndpointVerifier.VerifyAsync(Request($"https://127.0.0.1:{port}/"));

        await act.Should().ThrowAsync<EndpointVerificationException>().WithMessage($"*cannot connect to 127.0.0.1:{port}*");
    }

    [Test]
    public async Task VerifyAsync_CallerCancels_ThrowsOperationCanceled()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var act = () => EndpointVerifier.VerifyAsync(Request($"https://127.0.0.1:{port}/") with { Timeout = TimeSpan.FromSeconds(30) }, cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public async Task VerifyAsync_CallerCertificate_StaysUsableAfterwards()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var mine = SelfSignedClient();

        var act = () => EndpointVerifier.VerifyAsync(Request($"https://127.0.0.1:{port}/") with
        {
            ClientCertificate = ClientCertificateSource.FromCertificate(mine),
        });

        await act.Should().ThrowAsync<EndpointVerificationException>();
        mine.Subject.Should().Be("CN=unit-client");
        mine.HasPrivateKey.Should().BeTrue();
    }

    [Test]
    public void FromCertificate_WithoutPrivateKey_ThrowsArgumentException()
    {
        using var withKey = SelfSignedClient();
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);

        var act = () => ClientCertificateSource.FromCertificate(publicOnly);

        act.Should().Throw<ArgumentException>().WithMessage("*no private key*");
    }
}
