using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using KcmCompose.Certificates;
using KcmCompose.Verification;

namespace KcmCompose.Benchmarks;

/// <summary>
/// One verification (two probes, two fresh TLS connections, .pfx load, chain check) against a local nginx on
/// 127.0.0.1 with <c>ssl_verify_client on</c>. Needs /usr/sbin/nginx. Run with <c>--filter *VerifyBenchmarks*</c>.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private string _root = null!;
    private EndpointVerificationRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("kcm-verify-bench-").FullName;
        var ca = new CertificateAuthority(Path.Combine(_root, "ca"));
        ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = "bench" }).GetAwaiter().GetResult();
        var client = ca.IssueClientAsync(new ClientIssueOptions { Name = "bench", CaPassphrase = "bench", Passphrase = "client" })
            .GetAwaiter().GetResult();

        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var server = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(Path.Combine(_root, "server.crt"), server.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_root, "server.key"), key.ExportPkcs8PrivateKeyPem());
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
        File.WriteAllText(Path.Combine(_root, "nginx.conf"), string.Create(CultureInfo.InvariantCulture, $$"""
            worker_processes 1;
            pid {{_root}}/nginx.pid;
            error_log {{_root}}/error.log;
            events { worker_connections 64; }
            http {
              access_log off;
              client_body_temp_path {{_root}}/tmp/body; proxy_temp_path {{_root}}/tmp/proxy; fastcgi_temp_path {{_root}}/tmp/fastcgi;
              uwsgi_temp_path {{_root}}/tmp/uwsgi; scgi_temp_path {{_root}}/tmp/scgi;
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{_root}}/server.crt;
                ssl_certificate_key {{_root}}/server.key;
                ssl_client_certificate {{_root}}/ca/ca.crt;
                ssl_verify_client on;
                location / { return 200 "hello $ssl_client_s_dn\n"; }
              }
            }
            """));
        Nginx();
        Thread.Sleep(500);
        _request = new EndpointVerificationRequest
        {
            Uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/")),
            ClientCertificate = ClientCertificateSource.FromPfxFile(client.PfxPath, "client"),
            ServerCaFile = Path.Combine(_root, "server.crt"),
        };
        if (!EndpointVerifier.VerifyAsync(_request).GetAwaiter().GetResult().Succeeded)
        {
            throw new InvalidOperationException("the benchmark endpoint does not verify");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Nginx("-s", "stop");
        Directory.Delete(_root, recursive: true);
    }

    [Benchmark]
    public Task<EndpointVerificationResult> VerifyThreeProbes() => EndpointVerifier.VerifyAsync(_request);

    private void Nginx(params string[] extra)
    {
        var start = new ProcessStartInfo("/usr/sbin/nginx") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", Path.Combine(_root, "nginx.conf"), "-e", Path.Combine(_root, "error.log") }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException("nginx " + string.Join(' ', extra) + " failed");
        }
    }
}
