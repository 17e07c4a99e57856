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

    [Test]
    public async Task VerifyAsync_PlainHttpOnThePort_ThrowsNotTls()
    {
        // Answers whatever it is sent (here a TLS ClientHello) the way a plain-HTTP nginx does.
        using var plain = new TcpListener(IPAddress.Loopback, 0);
        plain.Start();
        var port = ((IPEndPoint)plain.LocalEndpoint).Port;
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                using var client = await plain.AcceptTcpClientAsync();
                var stream = client.GetStream();
                _ = await stream.ReadAsync(new byte[4096]); // the ClientHello; its content does not matter
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
            }
        });

        var act = () => EndpointVerifier.VerifyAsync(Request($"https://127.0.0.1:{port}/"));

        await act.Should().ThrowAsync<EndpointVerificationException>().WithMessage($"*127.0.0.1:{port} is not TLS*HTTP/1.1 400 Bad Request*");
    }

    [TestCase("rsa")]
    [TestCase("p256")]
    [TestCase("p384")]
    public void ForeignClientCertificate_ClientKeyType_SameNamesAndKeyButAnotherSigner(string keyType)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Operator Client CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using AsymmetricAlgorithm key = keyType == "rsa" ? RSA.Create(2048) : ECDsa.Create(keyType == "p384" ? ECCurve.NamedCurves.nistP384 : ECCurve.NamedCurves.nistP256);
        var request = key is RSA rsa
            ? new CertificateRequest("CN=alice", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=alice", (ECDsa)key, HashAlgorithmName.SHA256);
        using var publicOnly = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(30), [1, 2, 3]);
        using var issued = key is RSA withRsa ? publicOnly.CopyWithPrivateKey(withRsa) : publicOnly.CopyWithPrivateKey((ECDsa)key);

        using var foreign = ForeignClientCertificate.Create(issued, TimeProvider.System);

        foreign.HasPrivateKey.Should().BeTrue();
        foreign.Subject.Should().Be("CN=alice");
        foreign.Issuer.Should().Be("CN=Operator Client CA");
        foreign.PublicKey.Oid.Value.Should().Be(issued.PublicKey.Oid.Value);
        foreign.PublicKey.EncodedKeyValue.RawData.Should().Equal(issued.PublicKey.EncodedKeyValue.RawData);
        foreign.Thumbprint.Should().NotBe(issued.Thumbprint);

        foreign.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value).Should().Contain("1.3.6.1.5.5.7.3.2");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(foreign).Should().BeFalse("the operator's CA did not sign it");
        chain.Reset();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(issued).Should().BeTrue("the control: the operator's own certificate chains to its CA");
    }

    [Test]
    public async Task VerifyAsync_HostNotResolvable_ThrowsCannotResolve()
    {
        var act = () => EndpointVerifier.VerifyAsync(Request("https://kcm-verify-test.invalid/") with { Timeout = TimeSpan.FromSeconds(10) });

        await act.Should().ThrowAsync<EndpointVerificationException>().WithMessage("*cannot resolve 'kcm-verify-test.invalid'*");
    }
}
