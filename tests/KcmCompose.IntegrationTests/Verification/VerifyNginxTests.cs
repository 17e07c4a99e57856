using System.Globalization;
using KcmCompose.IntegrationTests.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Verification;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Verification;

/// <summary>
/// <c>kcm-compose verify</c> and <see cref="EndpointVerifier"/> against a real nginx whose client CA was made by
/// <c>kcm-compose ca create</c>: one server per <c>ssl_verify_client</c> mode, all on 127.0.0.1.
/// </summary>
[NonParallelizable]
public class VerifyNginxTests
{
    internal const string ClientPass = "verify client pass";
    private string _work = null!;
    private NginxHarness _nginx = null!;
    private int _on;
    private int _off;
    private int _optional;
    private int _anyCa;
    private int _plain;

    internal string Work => _work;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        var nginx = Requires.Program("nginx", "/usr/sbin");
        Requires.Program("openssl");
        _work = Directory.CreateTempSubdirectory("kcm-verify-").FullName;
        File.WriteAllText(Path.Combine(_work, "client.pass"), ClientPass + "\n");

        // The client CA and certificates come from our CLI; a foreign CA issues a certificate nginx must refuse.
        Succeeds(Run(_work, "ca", "create", "--dir", "ca", "--key", "p256", "--no-passphrase", "--days", "2"));
        Succeeds(Run(_work, "client", "issue", "alice", "--ca-dir", "ca", "--pfx-passphrase-file", "client.pass", "--days", "1"));
        Succeeds(Run(_work, "client", "issue", "bob", "--ca-dir", "ca", "--key", "p256", "--pfx-format", "modern",
            "--pfx-passphrase-file", "client.pass", "--days", "1"));
        Succeeds(Run(_work, "ca", "create", "--dir", "foreign", "--key", "p256", "--no-passphrase", "--days", "2"));
        Succeeds(Run(_work, "client", "issue", "mallory", "--ca-dir", "foreign", "--pfx-passphrase-file", "client.pass", "--days", "1"));
        ServerPki.Create(_work);

        _on = NginxHarness.FreePort();
        _off = NginxHarness.FreePort();
        _optional = NginxHarness.FreePort();
        _anyCa = NginxHarness.FreePort();
        _plain = NginxHarness.FreePort();
        _nginx = new NginxHarness(nginx, Path.Combine(_work, "nginx"));
        _nginx.Start(
            _nginx.Config(Server(_on, "on") + Server(_off, "off") + Server(_optional, "optional") + Server(_anyCa, "optional_no_ca", anyCaGuard: true) + PlainServer(_plain)),
            [_on, _off, _optional, _anyCa, _plain]);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _nginx?.Dispose();
        if (_work is not null && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    // anyCaGuard: the location refuses a request without a certificate (496, nginx's "SSL Certificate Required")
    // but lets any certificate in, so only the probe with a certificate from another CA shows the hole.
    private string Server(int port, string verify, bool anyCaGuard = false) => string.Create(CultureInfo.InvariantCulture, $$"""
          server {
            listen 127.0.0.1:{{port}} ssl;
            ssl_certificate {{_work}}/server.crt;
            ssl_certificate_key {{_work}}/server.key;
            ssl_client_certificate {{_work}}/ca/ca.crt;
            ssl_verify_client {{verify}};
            location / { {{(anyCaGuard ? "if ($ssl_client_verify = NONE) { return 496; } " : string.Empty)}}return 200 "hello $ssl_client_s_dn\n"; }
          }

        """);

    private static string PlainServer(int port) => string.Create(CultureInfo.InvariantCulture, $$"""
          server {
            listen 127.0.0.1:{{port}};
            location / { return 200 "plain hello\n"; }
          }

        """);

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/");

    private ProcessResult Verify(int port, params string[] extra) =>
        Run(_work, ["verify", Url(port), .. extra]);

    private static readonly string[] AlicePfx = ["--client-pfx", "ca/clients/alice.pfx", "--pfx-passphrase-file", "client.pass"];
    private static readonly string[] TrustServer = ["--server-ca", "server-ca.crt"];

    [Test]
    public void Verify_VerifyClientOnWithOurPfx_ExitsZero()
    {
        var result = Verify(_on, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(0, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4, result.ToString());
        lines[0].Should().StartWith("server: 127.0.0.1 (SNI) answered with the certificate of ", "verify says which server answered");
        lines[1].Should().Be("Without a certificate: rejected (400 No required SSL certificate was sent) - as required.");
        lines[2].Should().Be("With the certificate: admitted (200) - as required.");
        lines[3].Should().Be("With a certificate from an unknown CA: rejected (400 The SSL certificate error) - as required.");
    }

    [Test]
    public void Verify_OptionalNoCaAdmitsAnyCa_ExitsOneOnTheForeignProbe()
    {
        var result = Verify(_anyCa, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(1, result.ToString());
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("server: ");
        lines[1].Should().EndWith("- as required.", "without a certificate the location refuses");
        lines[2].Should().EndWith("- as required.");
        lines[3].Should().Be("With a certificate from an unknown CA: admitted (200) - the endpoint accepts certificates from any CA (is ssl_verify_client optional_no_ca?).");
    }

    [Test]
    public void Verify_PlainHttpOnThePort_ExitsTwoNotTls()
    {
        var result = Verify(_plain, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardOutput.Should().NotContain("as required");
        result.StandardError.Should().Contain("127.0.0.1:" + _plain.ToString(CultureInfo.InvariantCulture) + " is not TLS").And.Contain("HTTP/1.1 400 Bad Request");
        result.StandardError.Trim().Split('\n').Should().ContainSingle();
    }

    [Test]
    public void Verify_PemCertificateAndEncryptedKey_ExitsZero()
    {
        var result = Verify(_on, "--client-cert", "ca/clients/alice.crt", "--client-key", "ca/clients/alice.key",
            "--pfx-passphrase-file", "client.pass", "--server-ca", "server-ca.crt");

        result.ExitCode.Should().Be(0, result.ToString());
    }

    [TestCase("--client-pfx", "ca/clients/bob.pfx")]
    [TestCase("--client-cert", "ca/clients/bob.crt", "--client-key", "ca/clients/bob.key")]
    public void Verify_EcdsaClientModernPfxOrPem_ExitsZero(params string[] client)
    {
        var result = Verify(_on, [.. client, "--pfx-passphrase-file", "client.pass", "--server-ca", "server-ca.crt"]);

        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Test]
    public void Verify_VerifyClientOff_ExitsOneAdmittedWithoutCertificate()
    {
        var result = Verify(_off, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("Without a certificate: admitted (200) - the endpoint does not enforce client certificates.");
    }

    [Test]
    public void Verify_OptionalWithoutLocationCheck_ExitsOne()
    {
        var result = Verify(_optional, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("Without a certificate: admitted");
        result.StandardOutput.Should().Contain("With the certificate: admitted (200) - as required.");
    }

    [Test]
    public void Verify_CertificateFromUnrelatedCa_ExitsOneRejected()
    {
        var result = Verify(_on, "--client-pfx", "foreign/clients/mallory.pfx", "--pfx-passphrase-file", "client.pass", "--server-ca", "server-ca.crt");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("With the certificate: rejected (400 The SSL certificate error) - the endpoint does not accept this certificate.");
    }

    [Test]
    public void Verify_NothingListening_ExitsTwoNamingTheConnection()
    {
        var port = NginxHarness.FreePort();

        var result = Verify(port, [.. AlicePfx, .. TrustServer]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("cannot connect to 127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture))
            .And.Contain("ConnectionRefused").And.NotContain("   at ");
    }

    [Test]
    public void Verify_ServerCaMismatch_ExitsTwoNamingTheServerCertificate()
    {
        var result = Verify(_on, [.. AlicePfx, "--server-ca", "ca/ca.crt"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("the server certificate of").And.Contain("is not trusted")
            .And.Contain("ca/ca.crt").And.Contain("--insecure");
    }

    [Test]
    public void Verify_TestServerCaNotInSystemStore_ExitsTwo()
    {
        var result = Verify(_on, AlicePfx);

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("is not trusted by this system").And.Contain("--server-ca");
    }

    [Test]
    public void Verify_InsecureWithoutServerCa_ExitsZeroAndWarns()
    {
        var result = Verify(_on, [.. AlicePfx, "--insecure"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardError.Should().Contain("the server certificate was not checked");
    }

    [Test]
    public void Verify_WrongPfxPassphrase_ExitsTwo()
    {
        File.WriteAllText(Path.Combine(_work, "wrong.pass"), "not it\n");

        var result = Verify(_on, "--client-pfx", "ca/clients/alice.pfx", "--pfx-passphrase-file", "wrong.pass", "--server-ca", "server-ca.crt");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("alice.pfx").And.Contain("passphrase");
    }

    [Test]
    public void Verify_JsonFormat_ReportsAllThreeProbes()
    {
        var result = Verify(_on, [.. AlicePfx, .. TrustServer, "--format", "json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        root.GetProperty("passed").GetBoolean().Should().BeTrue();
        root.GetProperty("withoutCertificate").GetProperty("status").GetInt32().Should().Be(400);
        root.GetProperty("withCertificate").GetProperty("status").GetInt32().Should().Be(200);
        root.GetProperty("withCertificate").GetProperty("serverCertificateSubject").GetString().Should().Contain("CN=127.0.0.1");
        root.GetProperty("withCertificate").GetProperty("tlsProtocol").GetString().Should().StartWith("TLSv1.");
        var foreign = root.GetProperty("foreignCertificate");
        foreign.GetProperty("asRequired").GetBoolean().Should().BeTrue();
        foreign.GetProperty("outcome").GetString().Should().Be("rejected-with-status");
        foreign.GetProperty("status").GetInt32().Should().Be(400);
        foreign.GetProperty("errorText").GetString().Should().Be("The SSL certificate error");
    }

    [Test]
    public async Task VerifyAsync_Library_RecordsProtocolIssuerAndTiming()
    {
        var result = await EndpointVerifier.VerifyAsync(new EndpointVerificationRequest
        {
            Uri = new Uri(Url(_on)),
            ClientCertificate = ClientCertificateSource.FromPfxFile(Path.Combine(_work, "ca/clients/alice.pfx"), ClientPass),
            ServerCaFile = Path.Combine(_work, "server-ca.crt"),
            ExpectedStatusCode = 200,
            Timeout = TimeSpan.FromSeconds(5),
        });

        result.Succeeded.Should().BeTrue(result.WithoutCertificate.Verdict + " / " + result.WithCertificate.Verdict + " / " + result.ForeignCertificate.Verdict);
        result.ForeignCertificate.PresentedCertificate.Should().BeTrue();
        result.ForeignCertificate.Outcome.Should().Be(ProbeOutcome.RejectedWithStatus);
        result.ServerCertificateChecked.Should().BeTrue();
        result.WithoutCertificate.Outcome.Should().Be(ProbeOutcome.RejectedWithStatus);
        result.WithoutCertificate.ErrorText.Should().Be("No required SSL certificate was sent");
        result.WithCertificate.ServerCertificateIssuer.Should().Contain("CN=Verify Test Server CA");
        result.WithCertificate.TlsProtocol.Should().NotBeNull();
        result.WithCertificate.Elapsed.Should().BePositive().And.BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task VerifyAsync_ExpectedStatusDiffers_FailsTheAdmittedProbe()
    {
        var result = await EndpointVerifier.VerifyAsync(new EndpointVerificationRequest
        {
            Uri = new Uri(Url(_on)),
            ClientCertificate = ClientCertificateSource.FromPfxFile(Path.Combine(_work, "ca/clients/alice.pfx"), ClientPass),
            ServerCaFile = Path.Combine(_work, "server-ca.crt"),
            ExpectedStatusCode = 302,
        });

        result.Succeeded.Should().BeFalse();
        result.WithCertificate.Verdict.Should().Be("With the certificate: admitted but answered 200, not the expected 302.");
    }

    [Test]
    public async Task VerifyAsync_RepeatedInOneProcess_NoTlsSessionCarriesACertificateOver()
    {
        // TLS session resumption must not let a probe inherit the other probe's (lack of a) certificate.
        var request = new EndpointVerificationRequest
        {
            Uri = new Uri(Url(_on)),
            ClientCertificate = ClientCertificateSource.FromPfxFile(Path.Combine(_work, "ca/clients/alice.pfx"), ClientPass),
            ServerCaFile = Path.Combine(_work, "server-ca.crt"),
        };

        for (var i = 0; i < 5; i++)
        {
            var result = await EndpointVerifier.VerifyAsync(request);
            result.WithoutCertificate.StatusCode.Should().Be(400, $"run {i}: {result.WithoutCertificate.Verdict}");
            result.WithCertificate.StatusCode.Should().Be(200, $"run {i}: {result.WithCertificate.Verdict}");
        }
    }
}
