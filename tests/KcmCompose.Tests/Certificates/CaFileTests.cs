using System.Text;
using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

public class CaFileTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Lazy<TestCertificate> RootCa = new(() => TestPki.Root("CN=Unit Root", Now));
    private static readonly Lazy<TestCertificate> IntermediateCa = new(() => TestPki.Intermediate("CN=Unit Intermediate", RootCa.Value, Now));

    private static string Root => RootCa.Value.Pem;

    public static IEnumerable<TestCaseData> Variants()
    {
        yield return Case("root", () => Root, CaFileStatus.Loadable);
        yield return Case("crlf", () => Root.Replace("\n", "\r\n", StringComparison.Ordinal), CaFileStatus.Loadable);
        yield return Case("text around", () => "Subject: x\nsome text\n" + Root + "trailing\n", CaFileStatus.Loadable);
        yield return Case("blank line after begin", () => Root.Insert(Root.IndexOf('\n', StringComparison.Ordinal) + 1, "\n"), CaFileStatus.Loadable);
        yield return Case("trailing blanks on begin", () => Root.Replace("-----\n", "-----   \n", StringComparison.Ordinal), CaFileStatus.Loadable);
        yield return Case("unknown block first", () => "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n" + Root, CaFileStatus.Loadable);
        yield return Case("key then cert", () => RootCa.Value.KeyPem + Root, CaFileStatus.Loadable);
        yield return Case("old label", () => Root.Replace("CERTIFICATE", "X509 CERTIFICATE", StringComparison.Ordinal), CaFileStatus.Loadable);
        yield return Case("one long line", () => "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(RootCa.Value.Der) + "\n-----END CERTIFICATE-----\n", CaFileStatus.Loadable);
        yield return Case("empty", () => string.Empty, CaFileStatus.NotPem);
        yield return Case("der", () => Encoding.Latin1.GetString(RootCa.Value.Der), CaFileStatus.NotPem);
        yield return Case("raw base64", () => Convert.ToBase64String(RootCa.Value.Der), CaFileStatus.NotPem);
        yield return Case("key only", () => RootCa.Value.KeyPem, CaFileStatus.NotPem);
        yield return Case("truncated", () => string.Join('\n', Root.Split('\n').Take(8)), CaFileStatus.NotPem);
        yield return Case("good then truncated", () => Root + string.Join('\n', IntermediateCa.Value.Pem.Split('\n').Take(8)), CaFileStatus.NotPem);
        yield return Case("bad base64", () => Root.Replace("\nM", "\n*", StringComparison.Ordinal), CaFileStatus.NotPem);
        yield return Case("indented", () => "  " + Root, CaFileStatus.NotPem);
        yield return Case("wrong end", () => Root.Replace("END CERTIFICATE", "END X509 CERTIFICATE", StringComparison.Ordinal), CaFileStatus.NotPem);
        yield return Case("blank line before end", () => Root.Replace("\n-----END", "\n\n-----END", StringComparison.Ordinal), CaFileStatus.NotPem);
        yield return Case("headers", () => Root.Replace("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n", StringComparison.Ordinal), CaFileStatus.NotPem);
        yield return Case("trusted only", () => Root.Replace("CERTIFICATE", "TRUSTED CERTIFICATE", StringComparison.Ordinal), CaFileStatus.NotPem);
        yield return Case("cut body", () => string.Join('\n', Root.Split('\n').Take(6)) + "\n-----END CERTIFICATE-----\n", CaFileStatus.NotPem);
        yield return Case("garbage", () => "\u0001\u0002 not a certificate at all \u00ff", CaFileStatus.NotPem);
    }

    [TestCaseSource(nameof(Variants))]
    public void Analyze_Variant_HasTheStatusNginxGives(Func<string> content, CaFileStatus expected)
    {
        var analysis = CaFile.Analyze(Encoding.Latin1.GetBytes(content()));

        analysis.Status.Should().Be(expected, analysis.Problem);
        if (expected == CaFileStatus.Loadable)
        {
            analysis.Certificates.Should().ContainSingle().Which.Subject.Should().Be("CN=Unit Root");
        }
        else
        {
            analysis.Problem.Should().NotBeNullOrEmpty();
        }
    }

    [Test]
    public void Analyze_IntermediateAndRoot_DescribesBoth()
    {
        var analysis = CaFile.Analyze(TestPki.Bytes(IntermediateCa.Value.Pem + "\n" + Root));

        analysis.Certificates.Should().HaveCount(2);
        analysis.Certificates[0].IsSelfSigned.Should().BeFalse();
        analysis.Certificates[0].Line.Should().Be(1);
        analysis.Certificates[1].IsSelfSigned.Should().BeTrue();
        analysis.Certificates[1].IsCa.Should().BeTrue();
        analysis.Certificates[1].KeyAlgorithm.Should().Be("RSA");
        analysis.Certificates[1].KeySize.Should().Be(2048);
        analysis.IncompleteChains.Should().BeEmpty();
        analysis.RequiredVerifyDepth.Should().Be(1);
    }

    [Test]
    public void Analyze_IntermediateOnly_IsAnIncompleteChain()
    {
        var analysis = CaFile.Analyze(TestPki.Bytes(IntermediateCa.Value.Pem));

        analysis.IsLoadable.Should().BeTrue();
        analysis.IncompleteChains.Should().ContainSingle().Which.Subject.Should().Be("CN=Unit Intermediate");
    }

    [Test]
    public async Task AnalyzeFileAsync_Folder_IsUnreadable()
    {
        var folder = Directory.CreateTempSubdirectory("cacheck-unit-");
        try
        {
            var analysis = await CaFile.AnalyzeFileAsync(folder.FullName);
            analysis.Status.Should().Be(CaFileStatus.Unreadable);
            analysis.Problem.Should().Contain("folder");
            (await CaFile.AnalyzeFileAsync(Path.Combine(folder.FullName, "nope.pem"))).Status.Should().Be(CaFileStatus.Missing);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    private static TestCaseData Case(string name, Func<string> content, CaFileStatus expected) =>
        new TestCaseData(content, expected).SetArgDisplayNames(name, expected.ToString());
}
