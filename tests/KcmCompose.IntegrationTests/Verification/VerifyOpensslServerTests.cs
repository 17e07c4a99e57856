using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KcmCompose.IntegrationTests.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Verification;

/// <summary>
/// A server that enforces client certificates in the TLS handshake itself (<c>openssl s_server -Verify 1 -verify_return_error</c>, TLS 1.3
/// <c>certificate_required</c> alert) instead of answering nginx's HTTP 400.
/// </summary>
[NonParallelizable]
public class VerifyOpensslServerTests
{
    private const string Pass = "s_server pass";
    private string _work = null!;
    private Process? _server;
    private int _port;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        var openssl = Requires.Program("openssl");
        _work = Directory.CreateTempSubdirectory("kcm-verify-sserver-").FullName;
        File.WriteAllText(Path.Combine(_work, "client.pass"), Pass + "\n");
        Succeeds(Run(_work, "ca", "create", "--dir", "ca", "--key", "p256", "--no-passphrase", "--days", "2"));
        Succeeds(Run(_work, "client", "issue", "carol", "--ca-dir", "ca", "--pfx-passphrase-file", "client.pass", "--days", "1"));
        Succeeds(Run(_work, "ca", "create", "--dir", "foreign", "--key", "p256", "--no-passphrase", "--days", "2"));
        Succeeds(Run(_work, "client", "issue", "mallory", "--ca-dir", "foreign", "--pfx-passphrase-file", "client.pass", "--days", "1"));
        ServerPki.Create(_work);

        _port = NginxHarness.FreePort();
        var start = new ProcessStartInfo(openssl)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = _work,
        };
        foreach (var argument in new[]
        {
            "s_server", "-accept", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{_port}"), "-cert", "server.crt", "-key", "server.key",
            "-CAfile", "ca/ca.crt", "-Verify", "1", "-verify_return_error", "-www", "-quiet",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        WaitForPort(_port);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        if (_work is not null && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private string Url => string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{_port}/");

    [Test]
    public void Verify_HandshakeEnforcement_ExitsZeroNamingTheAlert()
    {
        var result = Run(_work, "verify", Url, "--client-pfx", "ca/clients/carol.pfx", "--pfx-passphrase-file", "client.pass",
            "--server-ca", "server-ca.crt");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("Without a certificate: rejected in the TLS handshake (")
            .And.Contain("certificate required").And.NotContain("error:0A");
        result.StandardOutput.Should().Contain("With the certificate: admitted (200) - as required.");
    }

    [Test]
    public void Verify_HandshakeRefusesForeignCertificate_ExitsOne()
    {
        var result = Run(_work, "verify", Url, "--client-pfx", "foreign/clients/mallory.pfx", "--pfx-passphrase-file", "client.pass",
            "--server-ca", "server-ca.crt");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("With the certificate: rejected in the TLS handshake (")
            .And.Contain("the endpoint does not accept this certificate.");
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
