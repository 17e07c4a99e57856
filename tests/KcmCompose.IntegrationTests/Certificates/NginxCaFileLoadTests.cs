using System.Text;
using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Tests.Certificates;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>
/// <c>ca-file-not-pem</c> against real nginx: <see cref="CaFile.Analyze"/> says "not loadable" exactly for the
/// files on which <c>nginx -t</c> fails with the file as <c>ssl_client_certificate</c>.
/// </summary>
[NonParallelizable]
public class NginxCaFileLoadTests
{
    private static readonly Lazy<(TestCertificate Root, TestCertificate Intermediate)> Pki = new(() =>
    {
        var now = DateTimeOffset.UtcNow;
        var root = TestPki.Root("CN=Load Root", now);
        return (root, TestPki.Intermediate("CN=Load Intermediate", root, now));
    });

    private string folder = string.Empty;
    private string nginxPath = string.Empty;
    private string serverCertificate = string.Empty;
    private string serverKey = string.Empty;

    private static string Root => Pki.Value.Root.Pem;

    public static IEnumerable<TestCaseData> Variants()
    {
        yield return Case("root", () => Root);
        yield return Case("two certificates", () => Pki.Value.Intermediate.Pem + Root);
        yield return Case("crlf", () => Root.Replace("\n", "\r\n", StringComparison.Ordinal));
        yield return Case("text around", () => "Subject: CN=Load Root\nnotes\n\n" + Root + "trailing words\n");
        yield return Case("binary after", () => Root + "\u0000\u0001\u0002\u00ff garbage");
        yield return Case("blank line after begin", () => Root.Insert(Root.IndexOf('\n', StringComparison.Ordinal) + 1, "\n"));
        yield return Case("blank line before end", () => Root.Replace("\n-----END", "\n\n-----END", StringComparison.Ordinal));
        yield return Case("trailing blanks", () => Root.Replace("-----\n", "-----   \n", StringComparison.Ordinal));
        yield return Case("indented body line", () => Root.Replace("-----\nM", "-----\n   M", StringComparison.Ordinal));
        yield return Case("indented begin", () => "  " + Root);
        yield return Case("one long line", () => "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(Pki.Value.Root.Der) + "\n-----END CERTIFICATE-----\n");
        yield return Case("old label", () => Root.Replace("CERTIFICATE", "X509 CERTIFICATE", StringComparison.Ordinal));
        yield return Case("trusted only", () => Root.Replace("CERTIFICATE", "TRUSTED CERTIFICATE", StringComparison.Ordinal));
        yield return Case("trusted plus plain", () => Root.Replace("CERTIFICATE", "TRUSTED CERTIFICATE", StringComparison.Ordinal) + Pki.Value.Intermediate.Pem);
        yield return Case("unknown block then cert", () => "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n" + Root);
        yield return Case("unknown block only", () => "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n");
        yield return Case("key then cert", () => Pki.Value.Root.KeyPem + Root);
        yield return Case("key only", () => Pki.Value.Root.KeyPem);
        yield return Case("empty", () => string.Empty);
        yield return Case("der", () => Encoding.Latin1.GetString(Pki.Value.Root.Der));
        yield return Case("raw base64", () => Convert.ToBase64String(Pki.Value.Root.Der));
        yield return Case("garbage", () => "this is not a certificate\n\u0001\u0002\u0003");
        yield return Case("truncated", () => string.Join('\n', Root.Split('\n').Take(8)) + "\n");
        yield return Case("good then truncated", () => Root + string.Join('\n', Pki.Value.Intermediate.Pem.Split('\n').Take(8)) + "\n");
        yield return Case("cut body", () => string.Join('\n', Root.Split('\n').Take(6)) + "\n-----END CERTIFICATE-----\n");
        yield return Case("bad base64", () => Root.Replace("-----\nM", "-----\n*", StringComparison.Ordinal));
        yield return Case("padding in the middle", () => Root.Replace("-----\nMII", "-----\nMI==\nI", StringComparison.Ordinal));
        yield return Case("wrong end label", () => Root.Replace("END CERTIFICATE", "END X509 CERTIFICATE", StringComparison.Ordinal));
        yield return Case("junk after end", () => Root.Replace("END CERTIFICATE-----", "END CERTIFICATE-----x", StringComparison.Ordinal));
        yield return Case("junk after begin", () => Root.Replace("BEGIN CERTIFICATE-----", "BEGIN CERTIFICATE-----x", StringComparison.Ordinal));
        yield return Case("headers", () => Root.Replace("-----\nM", "-----\nProc-Type: 4,ENCRYPTED\n\nM", StringComparison.Ordinal));
        yield return Case("valid base64 not a certificate", () => "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n");
    }

    [OneTimeSetUp]
    public void SetUp()
    {
        nginxPath = Requires.Program("nginx", "/usr/sbin");
        folder = Directory.CreateTempSubdirectory("kcm-cacheck-load-").FullName;
        var now = DateTimeOffset.UtcNow;
        var server = TestPki.Server("CN=127.0.0.1", TestPki.Root("CN=Load Server Root", now), now, ["localhost"]);
        serverCertificate = Path.Combine(folder, "server.crt");
        serverKey = Path.Combine(folder, "server.key");
        File.WriteAllText(serverCertificate, server.Pem);
        File.WriteAllText(serverKey, server.KeyPem);
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [TestCaseSource(nameof(Variants))]
    public void Analyze_Variant_IsNotPemExactlyWhenNginxTestFails(string name, Func<string> content)
    {
        var bytes = Encoding.Latin1.GetBytes(content());
        var caFile = Path.Combine(folder, name.Replace(' ', '-') + ".pem");
        File.WriteAllBytes(caFile, bytes);
        var harness = new NginxHarness(nginxPath, Path.Combine(folder, name.Replace(' ', '-')));
        var config = Path.Combine(folder, name.Replace(' ', '-') + ".conf");
        File.WriteAllText(config, harness.Config(NginxHarness.Server(NginxHarness.FreePort(), serverCertificate, serverKey, caFile, 1)));

        var nginx = harness.Test(config);
        var analysis = CaFile.Analyze(bytes);

        (analysis.Status == CaFileStatus.NotPem).Should().Be(nginx.ExitCode != 0, $"nginx -t said:\n{nginx.StandardError}\nthe analysis said: {analysis.Status} {analysis.Problem}");
    }

    private static TestCaseData Case(string name, Func<string> content) =>
        new TestCaseData(name, content).SetName($"Analyze_CaFile[{name}]_IsNotPemExactlyWhenNginxTestFails");
}
