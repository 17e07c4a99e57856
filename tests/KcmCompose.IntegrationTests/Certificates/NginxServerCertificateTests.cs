using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Tests.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>
/// The server-certificate rules against <c>nginx -t</c>: a blocking diagnostic (key mismatch, encrypted key,
/// unusable certificate or key) is reported exactly when nginx refuses the pair.
/// </summary>
[NonParallelizable]
public class NginxServerCertificateTests
{
    private static readonly string[] Blocking = ["server-key-mismatch", "server-key-encrypted", "server-key-invalid", "server-certificate-invalid"];

    private string folder = string.Empty;
    private string nginxPath = string.Empty;
    private string openssl = string.Empty;

    [OneTimeSetUp]
    public void SetUp()
    {
        nginxPath = Requires.Program("nginx", "/usr/sbin");
        openssl = Requires.Program("openssl");
        folder = Directory.CreateTempSubdirectory("kcm-cacheck-server-").FullName;
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [TestCase("matching")]
    [TestCase("other key")]
    [TestCase("encrypted key")]
    [TestCase("garbage key")]
    [TestCase("garbage certificate")]
    [TestCase("expired")]
    public void Validate_ServerPair_BlocksExactlyWhenNginxTestFails(string scenario)
    {
        var now = DateTimeOffset.UtcNow;
        var root = TestPki.Root("CN=Server Pair Root", now);
        var server = TestPki.Server("CN=kcm.example.com", root, now, ["kcm.example.com"], scenario == "expired" ? TimeSpan.FromDays(-1) : null);
        var caseFolder = Path.Combine(folder, scenario.Replace(' ', '-'));
        Directory.CreateDirectory(Path.Combine(caseFolder, "tls"));
        var certificate = Path.Combine(caseFolder, "tls", "cert.pem");
        var key = Path.Combine(caseFolder, "tls", "key.pem");
        File.WriteAllText(certificate, scenario == "garbage certificate" ? "not a certificate\n" : server.Pem);
        File.WriteAllText(key, scenario switch
        {
            "other key" => root.KeyPem,
            "garbage key" => "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            _ => server.KeyPem,
        });
        if (scenario == "encrypted key")
        {
            var encrypted = ProcessRunner.Run(openssl, ["pkey", "-in", key, "-aes256", "-passout", "pass:secret", "-out", key + ".enc"]);
            encrypted.ExitCode.Should().Be(0, encrypted.ToString());
            File.Move(key + ".enc", key, overwrite: true);
        }

        var harness = new NginxHarness(nginxPath, Path.Combine(caseFolder, "nginx"));
        var config = Path.Combine(caseFolder, "nginx.conf");
        File.WriteAllText(config, harness.Config(NginxHarness.Server(NginxHarness.FreePort(), certificate, key, null, 1, "off")));
        var nginx = harness.Test(config);

        var yaml = """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  SSL_HOSTNAME: kcm.example.com
                  CERTIFICATE_FILE: /tls/cert.pem
                  PRIVATE_KEY_FILE: /tls/key.pem
                volumes:
                  - ./tls:/tls:ro
            """;
        var report = ComposeValidator.ValidateText(yaml, Path.Combine(caseFolder, "docker-compose.yml"));
        var blocking = report.Diagnostics.Where(d => Blocking.Contains(d.Code)).ToList();

        (blocking.Count > 0).Should().Be(nginx.ExitCode != 0, $"nginx -t said:\n{nginx.StandardError}\nvalidation said:\n{string.Join("\n", report.Diagnostics)}");
        if (scenario == "expired")
        {
            report.Diagnostics.Should().Contain(d => d.Code == "server-certificate-expired");
        }
    }
}
