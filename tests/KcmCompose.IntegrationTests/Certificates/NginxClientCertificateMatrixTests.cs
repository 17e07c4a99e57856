using System.Globalization;
using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>
/// The check-client model against real nginx: for every CA file x <c>ssl_verify_depth</c> 0-2 x client
/// certificate, the library's verdict must equal what nginx answers curl (200 accept, 400 reject).
/// One nginx serves every combination, one server block per (CA file, depth) on its own free port.
/// </summary>
[NonParallelizable]
public class NginxClientCertificateMatrixTests
{
    private readonly Dictionary<(string CaFile, int Depth), int> ports = [];
    private string folder = string.Empty;
    private string curl = string.Empty;
    private MatrixPki pki = null!;
    private NginxHarness? nginx;

    public static IEnumerable<TestCaseData> Matrix()
    {
        foreach (var caFile in MatrixPki.CaFileNames)
        {
            for (var depth = 0; depth <= 2; depth++)
            {
                foreach (var client in MatrixPki.ClientNames)
                {
                    yield return new TestCaseData(caFile, depth, client)
                        .SetName(string.Create(CultureInfo.InvariantCulture, $"Evaluate_CaFile[{caFile}]_Depth{depth}_Client[{client}]_AgreesWithNginx"));
                }
            }
        }
    }

    [OneTimeSetUp]
    public void StartNginx()
    {
        var nginxPath = Requires.Program("nginx", "/usr/sbin");
        curl = Requires.Program("curl");
        folder = Directory.CreateTempSubdirectory("kcm-cacheck-matrix-").FullName;
        pki = MatrixPki.Create(folder);
        nginx = new NginxHarness(nginxPath, folder);
        var servers = new System.Text.StringBuilder();
        foreach (var caFile in MatrixPki.CaFileNames)
        {
            for (var depth = 0; depth <= 2; depth++)
            {
                var port = NginxHarness.FreePort();
                while (ports.ContainsValue(port))
                {
                    port = NginxHarness.FreePort();
                }

                ports[(caFile, depth)] = port;
                servers.Append(NginxHarness.Server(port, pki.ServerCertificate, pki.ServerKey, pki.CaFilePath(caFile), depth));
            }
        }

        nginx.Start(nginx.Config(servers.ToString()), ports.Values);
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

    [TestCaseSource(nameof(Matrix))]
    public void Evaluate(string caFile, int depth, string client)
    {
        var status = Curl(ports[(caFile, depth)], pki.ClientPath(client));
        status.Should().BeOneOf(["200", "400"], "curl must reach nginx and get an HTTP answer");

        var verdict = ClientCertificateCheck.Evaluate(
            CertificateChain.Parse(File.ReadAllBytes(pki.ClientPath(client))),
            CaFile.Analyze(File.ReadAllBytes(pki.CaFilePath(caFile))),
            depth,
            ClientCertificateCheckMode.On,
            TimeProvider.System);

        verdict.Accepted.Should().Be(status == "200", $"nginx answered {status}; the model said: {verdict.Reason}\nnginx log:\n{nginx!.LogTail(2)}");
    }

    /// <summary>The rules the matrix established, pinned so that a matrix where nginx and the model both fail the same way cannot pass.</summary>
    [TestCase("root", 0, "by-root", "200")]
    [TestCase("root", 0, "by-intermediate+chain", "400")]
    [TestCase("root", 1, "by-intermediate+chain", "200")]
    [TestCase("root", 2, "by-intermediate", "400")]
    [TestCase("intermediate", 2, "by-intermediate", "400")]
    [TestCase("intermediate+root", 0, "by-intermediate", "400")]
    [TestCase("intermediate+root", 1, "by-intermediate", "200")]
    [TestCase("two-roots", 1, "by-root", "200")]
    [TestCase("ec-root", 0, "by-ec-root", "200")]
    [TestCase("expired-root", 1, "by-root", "400")]
    [TestCase("non-ca-root", 1, "by-root", "400")]
    [TestCase("crlf", 1, "by-intermediate", "200")]
    [TestCase("root", 1, "expired", "400")]
    public void Nginx_KnownCombination_AnswersAsDocumented(string caFile, int depth, string client, string expected)
    {
        Curl(ports[(caFile, depth)], pki.ClientPath(client)).Should().Be(expected);
    }

    private string Curl(int port, string clientCertificate)
    {
        var result = ProcessRunner.Run(
            curl,
            ["-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--cert", clientCertificate, "--key", pki.ClientKey,
                string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}/")],
            timeout: TimeSpan.FromSeconds(20));
        return result.StandardOutput.Trim();
    }
}
