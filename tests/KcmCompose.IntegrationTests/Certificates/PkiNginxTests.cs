using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KcmCompose.IntegrationTests.Infrastructure;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>A real nginx trusting our ca.crt with <c>ssl_verify_client on</c>, and curl as the client.</summary>
[NonParallelizable]
public class PkiNginxTests
{
    private const string ClientPass = "nginx client pass";
    private string _work = null!;
    private Process? _nginx;
    private int _port;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        var nginx = Requires.Program("nginx", "/usr/sbin");
        Requires.Program("curl");
        Requires.Program("openssl");
        _work = Directory.CreateTempSubdirectory("kcm-pki-nginx-").FullName;
        File.WriteAllText(Path.Combine(_work, "client.pass"), ClientPass + "\n");

        Succeeds(Run(_work, "ca", "create", "--dir", "ca", "--key", "p256", "--no-passphrase"));
        Succeeds(Run(_work, "client", "issue", "browser-user", "--ca-dir", "ca", "--pfx-passphrase-file", "client.pass"));
        // The server certificate comes from a separate, throw-away CA: only the client side is under test.
        Succeeds(Openssl(_work, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "server.key",
            "-out", "server.crt", "-subj", "/CN=localhost", "-days", "2", "-addext", "subjectAltName=IP:127.0.0.1"));

        _port = FreePort();
        Directory.CreateDirectory(Path.Combine(_work, "tmp"));
        var config = Path.Combine(_work, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{_work}}/nginx.pid;
            error_log {{_work}}/error.log info;
            events { worker_connections 32; }
            http {
              access_log {{_work}}/access.log;
              client_body_temp_path {{_work}}/tmp/body;
              proxy_temp_path {{_work}}/tmp/proxy;
              fastcgi_temp_path {{_work}}/tmp/fastcgi;
              uwsgi_temp_path {{_work}}/tmp/uwsgi;
              scgi_temp_path {{_work}}/tmp/scgi;
              default_type text/plain;
              server {
                listen 127.0.0.1:{{_port}} ssl;
                ssl_certificate        {{_work}}/server.crt;
                ssl_certificate_key    {{_work}}/server.key;
                ssl_client_certificate {{_work}}/ca/ca.crt;
                ssl_verify_client on;
                location / { return 200 "hello $ssl_client_s_dn\n"; }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", config, "-e", Path.Combine(_work, "error.log") })
        {
            start.ArgumentList.Add(argument);
        }

        _nginx = Process.Start(start)!;
        WaitForPort();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            _nginx.WaitForExit(10_000);
        }

        _nginx?.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void Curl_WithOurClientCertificate_Gets200()
    {
        var result = Curl("--cert", "ca/clients/browser-user.crt", "--key", "ca/clients/browser-user.key", "--pass", ClientPass);

        result.StandardOutput.Should().Contain("[200]").And.Contain("CN=browser-user");
    }

    [Test]
    public void Curl_WithOurPfx_Gets200()
    {
        var result = Curl("--cert-type", "P12", "--cert", $"ca/clients/browser-user.pfx:{ClientPass}");

        result.StandardOutput.Should().Contain("[200]");
    }

    [Test]
    public void Curl_WithoutClientCertificate_Gets400()
    {
        var result = Curl();

        result.StandardOutput.Should().Contain("[400]");
    }

    private ProcessResult Curl(params string[] extra) => ProcessRunner.Run(
        Requires.Program("curl"),
        ["-sS", "-k", "-o", "/dev/stdout", "-w", " [%{http_code}]", "--max-time", "20", .. extra, $"https://127.0.0.1:{_port}/"],
        _work,
        timeout: TimeSpan.FromSeconds(30));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitForPort()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_nginx!.HasExited)
            {
                Assert.Fail($"nginx exited with {_nginx.ExitCode}: {_nginx.StandardError.ReadToEnd()} {ReadLog()}");
            }

            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        Assert.Fail($"nginx did not listen on 127.0.0.1:{_port} within 20 s. {ReadLog()}");
    }

    private string ReadLog()
    {
        var log = Path.Combine(_work, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : string.Empty;
    }
}
