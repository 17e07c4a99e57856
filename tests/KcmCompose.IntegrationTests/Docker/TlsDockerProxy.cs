using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>
/// A TLS endpoint on 127.0.0.1 in front of the local Docker socket that requires a client certificate from its own
/// CA, as <c>dockerd --tlsverify</c> does; certificates are made with openssl in <see cref="CertificateDirectory"/>
/// (<c>ca.pem</c>, <c>cert.pem</c>, <c>key.pem</c>, the layout of <c>DOCKER_CERT_PATH</c>).
/// </summary>
public sealed class TlsDockerProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly X509Certificate2 _serverCertificate;
    private readonly X509Certificate2 _ca;

    public TlsDockerProxy(string directory)
    {
        CertificateDirectory = directory;
        Directory.CreateDirectory(directory);
        var openssl = Requires.Program("openssl");
        void Run(params string[] arguments)
        {
            var result = ProcessRunner.Run(openssl, arguments, workingDirectory: directory);
            if (result.ExitCode != 0)
            {
                Assert.Fail($"openssl failed:\n{result}");
            }
        }

        File.WriteAllText(Path.Combine(directory, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        File.WriteAllText(Path.Combine(directory, "client.ext"), "extendedKeyUsage=clientAuth\n");
        Run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=KCM test Docker CA", "-keyout", "ca-key.pem", "-out", "ca.pem");
        Run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server-key.pem", "-out", "server.csr");
        Run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "1", "-extfile", "server.ext", "-out", "server.pem");
        Run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=kcm-test-client", "-keyout", "key.pem", "-out", "client.csr");
        Run("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial", "-days", "1", "-extfile", "client.ext", "-out", "cert.pem");
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(directory, "server.pem"), Path.Combine(directory, "server-key.pem"));
        _serverCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        _ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "ca.pem"));
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public string CertificateDirectory { get; }

    public int Port { get; }

    public int RejectedClients { get; private set; }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _serverCertificate.Dispose();
        _ca.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) => IsFromOurCa(certificate));
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _serverCertificate,
                    ClientCertificateRequired = true,
                }, _stop.Token);
                using var docker = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await docker.ConnectAsync(new UnixDomainSocketEndPoint("/var/run/docker.sock"), _stop.Token);
                await using var dockerStream = new NetworkStream(docker, ownsSocket: false);
                var up = tls.CopyToAsync(dockerStream, _stop.Token);
                var down = dockerStream.CopyToAsync(tls, _stop.Token);
                await Task.WhenAny(up, down);
            }
            catch (Exception exception) when (exception is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException or SocketException)
            {
                if (exception is System.Security.Authentication.AuthenticationException)
                {
                    RejectedClients++;
                }
            }
        }
    }

    private bool IsFromOurCa(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
