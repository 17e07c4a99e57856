using System.Globalization;
using System.Text;
using KcmCompose.IntegrationTests.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Validation.Rules;

namespace KcmCompose.IntegrationTests.Validation;

/// <summary>
/// <see cref="NginxSyntax.EnforcesClientVerify"/> against real nginx with <c>ssl_verify_client optional_no_ca</c> (the
/// weakest mode: nginx itself lets a failed certificate through), the text placed before <c>proxy_pass</c> as in the
/// image: a text enforces verification exactly when, on every path, a request without a certificate and one with an
/// unrelated certificate get a 4xx while a verified client gets 200.
/// </summary>
[NonParallelizable]
public class NginxClientVerifyEnforcementTests
{
    private static readonly string[] Texts =
    [
        "if ($ssl_client_verify != SUCCESS) { return 403; }",
        "if ( $ssl_client_verify != \"SUCCESS\" ) {\n  return 495;\n}",
        "if ($ssl_client_verify !~ ^SUCCESS$) { return 403; }",
        "if ($ssl_client_verify !~* ^success$) { return 403; }",
        "if ($ssl_client_verify = NONE) { return 403; }\nif ($ssl_client_verify ~ ^FAILED) { return 403; }",
        "# if ($ssl_client_verify != SUCCESS) { return 403; }",
        "add_header X-Verify \"$ssl_client_verify\";",
        "if ($ssl_client_verify = NONE) { return 403; }",
        "if ($ssl_client_verify = SUCCESS) { return 403; }",
        "if ($ssl_client_verify != SUCCESS) { return 200; }",
        "if ($ssl_client_verify != SUCCESS) { set $kcm_x 1; }",
        "if ($ssl_client_verify != SUCCESS) { break; return 403; }",
        "break;\nif ($ssl_client_verify != SUCCESS) { return 403; }",
        "if ($ssl_client_verify) { return 403; }",
        "if ($ssl_client_verify != SUCCESS) { return 403; }\nlocation /open { return 200 \"open\"; }",
        "if ($ssl_client_verify != SUCCESS) { return 403; }\nlocation /open { if ($ssl_client_verify != SUCCESS) { return 403; } return 200 \"open\"; }",
    ];

    private readonly Dictionary<int, int> ports = [];
    private string folder = string.Empty;
    private string curl = string.Empty;
    private MatrixPki pki = null!;
    private NginxHarness? nginx;

    [OneTimeSetUp]
    public void StartNginx()
    {
        var nginxPath = Requires.Program("nginx", "/usr/sbin");
        curl = Requires.Program("curl");
        folder = Directory.CreateTempSubdirectory("kcm-nginx-enforce-").FullName;
        pki = MatrixPki.Create(folder);
        var backend = NginxHarness.FreePort();
        var servers = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $$"""
              server {
                listen 127.0.0.1:{{backend}};
                location / { return 200 "guacamole\n"; }
              }

            """));
        for (var i = 0; i < Texts.Length; i++)
        {
            var port = NginxHarness.FreePort();
            while (port == backend || ports.ContainsValue(port))
            {
                port = NginxHarness.FreePort();
            }

            ports[i] = port;
            servers.Append(CultureInfo.InvariantCulture, $$"""
                  server {
                    listen 127.0.0.1:{{port}} ssl;
                    ssl_certificate {{pki.ServerCertificate}};
                    ssl_certificate_key {{pki.ServerKey}};
                    ssl_client_certificate {{pki.CaFilePath("root")}};
                    ssl_verify_client optional_no_ca;
                    location / {
                {{Texts[i]}}
                      proxy_pass http://127.0.0.1:{{backend}};
                    }
                  }

                """);
        }

        nginx = new NginxHarness(nginxPath, folder);
        nginx.Start(nginx.Config(servers.ToString()), ports.Values.Append(backend));
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

    public static IEnumerable<TestCaseData> Cases() =>
        Texts.Select((text, i) => new TestCaseData(i).SetName(string.Create(CultureInfo.InvariantCulture, $"EnforcesClientVerify_Text{i:00}_AgreesWithNginx")));

    [TestCaseSource(nameof(Cases))]
    public void EnforcesClientVerify_Text_AgreesWithNginx(int index)
    {
        var port = ports[index];
        var answers = new[] { "/", "/open" }.SelectMany(path => new[]
        {
            (Path: path, Client: "none", Status: Curl(port, path, null)),
            (Path: path, Client: "unrelated", Status: Curl(port, path, "by-unrelated")),
        }).ToList();
        var verified = Curl(port, "/", "by-root");
        answers.Should().OnlyContain(a => a.Status.Length == 3, "curl must get an HTTP answer from nginx");

        var nginxEnforces = answers.All(a => a.Status[0] == '4') && verified == "200";

        NginxSyntax.EnforcesClientVerify(Texts[index]).Should().Be(
            nginxEnforces, $"for {Texts[index]}\nnginx answered {string.Join(", ", answers)}, verified client {verified}");
    }

    private string Curl(int port, string path, string? client)
    {
        var arguments = new List<string> { "-sk", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10" };
        if (client is not null)
        {
            arguments.AddRange(["--cert", pki.ClientPath(client), "--key", pki.ClientKey]);
        }

        arguments.Add(string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{port}{path}"));
        return ProcessRunner.Run(curl, arguments, timeout: TimeSpan.FromSeconds(20)).StandardOutput.Trim();
    }
}
