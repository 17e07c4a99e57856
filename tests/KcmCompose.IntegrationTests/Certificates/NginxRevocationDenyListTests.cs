using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>
/// <see cref="RevocationDenyList"/> against real nginx, with client certificates signed by an openssl CA: every serial
/// format (a first byte below 0x10, a high first byte whose DER has a leading zero byte, 20-byte serials, openssl's own
/// <c>-CAcreateserial</c>) is printed by nginx exactly as <see cref="RevocationList.NginxSerial(string)"/> renders it,
/// and refused (403) once listed inside the location, while an unlisted client still gets 200.
/// </summary>
[NonParallelizable]
public class NginxRevocationDenyListTests
{
    private static readonly (string Name, string? Serial)[] Clients =
    [
        ("low-first-byte", "0x0A1B2C"),
        ("one-byte", "0x05"),
        ("high-bit", "0x8F00000000000001"),
        ("twenty-bytes", "0x7F0102030405060708090A0B0C0D0E0F10111213"),
        ("twenty-bytes-high-bit", "0xFFEEDDCCBBAA99887766554433221100FFEEDDCC"),
        ("create-serial", null),
        ("create-serial-2", null),
    ];

    private const string Unlisted = "create-serial-2";

    private readonly Dictionary<string, string> serials = [];
    private string folder = string.Empty;
    private string curl = string.Empty;
    private int denyPort;
    private int echoPort;
    private NginxHarness? nginx;

    [OneTimeSetUp]
    public void StartNginx()
    {
        var nginxPath = Requires.Program("nginx", "/usr/sbin");
        var openssl = Requires.Program("openssl");
        curl = Requires.Program("curl");
        folder = Directory.CreateTempSubdirectory("kcm-nginx-revoke-").FullName;
        string F(string name) => Path.Combine(folder, name);
        void Openssl(params string[] arguments)
        {
            var result = ProcessRunner.Run(openssl, arguments, workingDirectory: folder, timeout: TimeSpan.FromSeconds(60));
            result.ExitCode.Should().Be(0, result.ToString());
        }

        Openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=openssl client CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-keyout", F("ca.key"), "-out", F("ca.crt"));
        Openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-keyout", F("server.key"), "-out", F("server.crt"));
        foreach (var (name, serial) in Clients)
        {
            Openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name, "-keyout", F(name + ".key"), "-out", F(name + ".csr"));
            string[] serialArguments = serial is null ? ["-CAcreateserial"] : ["-set_serial", serial];
            Openssl(["x509", "-req", "-in", F(name + ".csr"), "-CA", F("ca.crt"), "-CAkey", F("ca.key"), "-days", "2", .. serialArguments, "-out", F(name + ".crt")]);
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(F(name + ".crt"));
            serials[name] = certificate.SerialNumber;
        }

        var denied = Clients.Select(c => c.Name).Where(n => n != Unlisted).Select(n => serials[n]);
        denyPort = NginxHarness.FreePort();
        echoPort = NginxHarness.FreePort();
        while (echoPort == denyPort)
        {
            echoPort = NginxHarness.FreePort();
        }

        string Server(int port, string location) => string.Create(CultureInfo.InvariantCulture, $$"""
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{F("server.crt")}};
                ssl_certificate_key {{F("server.key")}};
                ssl_client_certificate {{F("ca.crt")}};
                ssl_verify_client on;
                location / {
            {{location}}
                  return 200 "serial $ssl_client_serial\n";
                }
              }

            """);
        nginx = new NginxHarness(nginxPath, folder);
        nginx.Start(nginx.Config(Server(denyPort, RevocationDenyList.Render(denied)) + Server(echoPort, string.Empty)), [denyPort, echoPort]);
    }

    [OneTimeTearDown]
    public void StopNginx()
    {
        nginx?.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    public static IEnumerable<TestCaseData> Cases() => Clients.Select(c => new TestCaseData(c.Name).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void NginxSerial_OpensslCertificate_IsWhatNginxPrints(string client)
    {
        var (status, body) = Curl(echoPort, client);

        status.Should().Be("200");
        body.Should().Be("serial " + RevocationList.NginxSerial(serials[client]) + "\n", $"the certificate's serial is {serials[client]}");
    }

    [TestCaseSource(nameof(Cases))]
    public void Render_ListedSerial_RefusedByNginxOthersAdmitted(string client)
    {
        var (status, _) = Curl(denyPort, client);

        status.Should().Be(client == Unlisted ? "200" : "403", $"serial {serials[client]}, nginx log: {nginx!.LogTail()}");
    }

    [TestCase("high-bit", 1)]
    [TestCase("twenty-bytes", 1)]
    [TestCase(Unlisted, 0)]
    public void Verify_DenyListedClient_ExitsOneOthersZero(string client, int exit)
    {
        var result = PkiCli.Run(
            folder, "verify", string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{denyPort}/"), "--insecure",
            "--client-cert", client + ".crt", "--client-key", client + ".key");

        result.ExitCode.Should().Be(exit, result.ToString());
        if (exit == 1)
        {
            result.StandardOutput.Should().Contain("refused (403");
        }
    }

    private (string Status, string Body) Curl(int port, string client)
    {
        var bodyPath = Path.Combine(folder, client + "-" + port.ToString(CultureInfo.InvariantCulture) + ".body");
        var result = ProcessRunner.Run(
            curl,
            ["-sk", "-o", bodyPath, "-w", "%{http_code}", "--max-time", "10", "--cert", Path.Combine(folder, client + ".crt"), "--key", Path.Combine(folder, client + ".key"),
                string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/")],
            timeout: TimeSpan.FromSeconds(20));
        return (result.StandardOutput.Trim(), File.Exists(bodyPath) ? File.ReadAllText(bodyPath) : string.Empty);
    }
}
