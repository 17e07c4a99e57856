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
    private static readonly string[] ModeCaFiles = ["root", "intermediate", "intermediate+root"];
    private static readonly string[] Modes = ["optional", "optional_no_ca"];

    private readonly Dictionary<(string CaFile, int Depth), int> ports = [];
    private readonly Dictionary<(string CaFile, string Mode), int> modePorts = [];
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

    public static IEnumerable<TestCaseData> ModeMatrix()
    {
        foreach (var caFile in ModeCaFiles)
        {
            foreach (var mode in Modes)
            {
                foreach (var client in MatrixPki.ClientNames)
                {
                    yield return new TestCaseData(caFile, mode, client)
                        .SetName($"Evaluate_CaFile[{caFile}]_Mode[{mode}]_Client[{client}]_AgreesWithNginx");
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

        foreach (var caFile in ModeCaFiles)
        {
            foreach (var mode in Modes)
            {
                var port = NginxHarness.FreePort();
                while (ports.ContainsValue(port) || modePorts.ContainsValue(port))
                {
                    port = NginxHarness.FreePort();
                }

                modePorts[(caFile, mode)] = port;
                servers.Append(NginxHarness.Server(port, pki.ServerCertificate, pki.ServerKey, pki.CaFilePath(caFile), 1, mode));
            }
        }

        nginx.Start(nginx.Config(servers.ToString()), ports.Values.Concat(modePorts.Values));
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

    /// <summary>ssl_verify_client optional and optional_no_ca (depth 1): the verdict for a client that presents a certificate.</summary>
    [TestCaseSource(nameof(ModeMatrix))]
    public void EvaluateMode(string caFile, string mode, string client)
    {
        var status = Curl(modePorts[(caFile, mode)], pki.ClientPath(client));
        status.Should().BeOneOf(["200", "400"], "curl must reach nginx and get an HTTP answer");

        var verdict = ClientCertificateCheck.Evaluate(
            CertificateChain.Parse(File.ReadAllBytes(pki.ClientPath(client))),
            CaFile.Analyze(File.ReadAllBytes(pki.CaFilePath(caFile))),
            1,
            mode == "optional" ? ClientCertificateCheckMode.Optional : ClientCertificateCheckMode.OptionalNoCa,
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

    /// <summary>A few cells of the matrix through the real CLI (in process), with a compose file that bind-mounts the CA file.</summary>
    [TestCase("root", 0, "by-root")]
    [TestCase("root", 0, "by-intermediate+chain")]
    [TestCase("intermediate+root", 1, "by-intermediate")]
    [TestCase("intermediate", 2, "by-intermediate+chain")]
    [TestCase("expired-root", 1, "by-root")]
    [TestCase("two-roots", 1, "by-unrelated")]
    public async Task CheckClientCli_Cell_ExitCodeAndJsonAgreeWithNginx(string caFile, int depth, string client)
    {
        var status = Curl(ports[(caFile, depth)], pki.ClientPath(client));
        var compose = Path.Combine(folder, $"compose-{caFile.Replace('+', '_')}-{depth}.yml");
        File.WriteAllText(compose, $$"""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  SSL_HOSTNAME: localhost
                  SELF_SIGNED: "Y"
                  CLIENT_CERTIFICATE_FILE: /etc/kcm/client-ca.pem
                  SSL_VERIFY_CLIENT: "on"
                  SSL_VERIFY_DEPTH: "{{depth}}"
                volumes:
                  - ./{{Path.GetFileName(pki.CaFilePath(caFile))}}:/etc/kcm/client-ca.pem:ro
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await KcmCompose.Cli.CliApp.CreateRootCommand()
            .Parse(["check-client", pki.ClientPath(client), compose, "--format", "json"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        exit.Should().Be(status == "200" ? 0 : 1, $"nginx answered {status}; CLI said {output} {error}");
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("verdict").GetString().Should().Be(status == "200" ? "accept" : "reject");
        json.RootElement.GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
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
