using System.Text;
using KcmCompose.Tests.Certificates;
using KcmCompose.Validation;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Crypto;

namespace KcmCompose.Tests.Validation;

/// <summary>
/// One test per certificate diagnostic code: a compose file and host files that trigger it, asserting code,
/// severity, line and column (the column is found from the marker text in the YAML, the line is pinned).
/// </summary>
public class CertificateRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Lazy<AsymmetricCipherKeyPair> RootKeys = new(() => TestPki.NewRsa(2048));
    private static readonly Lazy<TestCertificate> Root = new(() => TestPki.Root("CN=Rules Root", Now, RootKeys.Value));
    private static readonly Lazy<TestCertificate> Intermediate = new(() => TestPki.Intermediate("CN=Rules Intermediate", Root.Value, Now));

    private string folder = string.Empty;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("kcm-cacheck-rules-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void Validate_ValidCaFileInReadOnlyBind_HasNoCertificateDiagnostics()
    {
        Write("ca.pem", Intermediate.Value.Pem + Root.Value.Pem);

        Certificates(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro")).Should().BeEmpty();
    }

    [Test]
    public void Validate_FolderMount_ResolvesTheFileInside()
    {
        Write("tls/ca.pem", Root.Value.Pem);

        Certificates(Validate(volumes: "      - ./tls/:/certs:ro")).Should().BeEmpty();
    }

    [Test]
    public void Validate_LongSyntaxReadOnlyBind_ResolvesAndIsReadOnly()
    {
        Write("ca.pem", Root.Value.Pem);
        var volumes = """
                  - type: bind
                    source: ./ca.pem
                    target: /certs/ca.pem
                    read_only: true
            """;

        Certificates(Validate(volumes: volumes)).Should().BeEmpty();
    }

    [Test]
    public void Validate_NoMount_ReportsCaFileNotMounted()
    {
        var report = Validate(volumes: null);
        Expect(report, "ca-file-not-mounted", DiagnosticSeverity.Error, CaLine, CaColumn);
    }

    [Test]
    public void Validate_NamedVolume_ReportsNotCheckableAsInfo()
    {
        var report = Validate(volumes: "      - certs:/certs:ro", extraTop: "volumes:\n  certs: {}\n");
        Expect(report, "ca-file-not-checkable", DiagnosticSeverity.Info, CaLine, CaColumn);
        Certificates(report).Should().ContainSingle();
    }

    [Test]
    public void Validate_MissingHostFile_ReportsCaFileMissing()
    {
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "ca-file-missing", DiagnosticSeverity.Error, CaLine, CaColumn).Message.Should().Contain(Path.Combine(folder, "ca.pem"));
    }

    [Test]
    public void Validate_HostPathIsAFolder_ReportsFileUnreadable()
    {
        Directory.CreateDirectory(Path.Combine(folder, "ca.pem"));
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "file-unreadable", DiagnosticSeverity.Error, CaLine, CaColumn).Message.Should().Contain("folder");
    }

    [TestCase("fifo", "file-unreadable")]
    [TestCase("symlink-loop", "file-unreadable")]
    [TestCase("dangling-symlink", "ca-file-missing")]
    [TestCase("50MB-garbage", "ca-file-not-pem")]
    public void Validate_HostileCaPath_EndsWithADiagnosticInBoundedTime(string kind, string code)
    {
        var path = Path.Combine(folder, "ca.pem");
        switch (kind)
        {
            case "fifo":
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path))
                {
                    mkfifo.WaitForExit(10_000).Should().BeTrue();
                }

                break;
            case "symlink-loop":
                File.CreateSymbolicLink(path, Path.Combine(folder, "other.pem"));
                File.CreateSymbolicLink(Path.Combine(folder, "other.pem"), path);
                break;
            case "dangling-symlink":
                File.CreateSymbolicLink(path, Path.Combine(folder, "nowhere.pem"));
                break;
            default:
                var bytes = new byte[50 * 1024 * 1024];
                new Random(3).NextBytes(bytes);
                File.WriteAllBytes(path, bytes);
                break;
        }

        var run = Task.Run(() => Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"));
        run.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue("validation must not hang on a hostile CA path");
        Expect(run.Result, code, DiagnosticSeverity.Error, CaLine, CaColumn);
    }

    [TestCase("der")]
    [TestCase("empty")]
    [TestCase("key")]
    [TestCase("truncated")]
    public void Validate_CaFileNginxRefuses_ReportsCaFileNotPem(string kind)
    {
        var pem = Root.Value.Pem;
        File.WriteAllBytes(Path.Combine(folder, "ca.pem"), kind switch
        {
            "der" => Root.Value.Der,
            "empty" => [],
            "key" => TestPki.Bytes(Root.Value.KeyPem),
            _ => TestPki.Bytes(string.Join('\n', pem.Split('\n').Take(5))),
        });
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "ca-file-not-pem", DiagnosticSeverity.Error, CaLine, CaColumn);
    }

    [Test]
    public void Validate_LeafCertificateAsCa_ReportsCaNotCa()
    {
        Write("ca.pem", TestPki.Client("CN=not a ca", Root.Value, Now).Pem + Root.Value.Pem);
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "ca-not-ca", DiagnosticSeverity.Error, CaLine, CaColumn).Message.Should().Contain("CN=not a ca");
    }

    [Test]
    public void Validate_ExpiredRoot_ReportsCaExpired()
    {
        Write("ca.pem", TestPki.Root("CN=Old Root", Now, RootKeys.Value, TimeSpan.FromDays(-90), TimeSpan.FromDays(-1)).Pem);
        Expect(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"), "ca-expired", DiagnosticSeverity.Error, CaLine, CaColumn);
    }

    [Test]
    public void Validate_FutureRoot_ReportsCaNotYetValid()
    {
        Write("ca.pem", TestPki.Root("CN=Future Root", Now, RootKeys.Value, TimeSpan.FromDays(3), TimeSpan.FromDays(90)).Pem);
        Expect(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"), "ca-not-yet-valid", DiagnosticSeverity.Error, CaLine, CaColumn);
    }

    [Test]
    public void Validate_RootExpiringIn10Days_ReportsCaExpiringSoon()
    {
        Write("ca.pem", TestPki.Root("CN=Soon Root", Now, RootKeys.Value, TimeSpan.FromDays(-300), TimeSpan.FromDays(10)).Pem);
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "ca-expiring-soon", DiagnosticSeverity.Warning, CaLine, CaColumn).Message.Should().Contain("in 9 day(s)").And.Subject.Should().NotBeNull();
    }

    [Test]
    public void Validate_Rsa1024Root_ReportsCaWeakKey()
    {
        Write("ca.pem", TestPki.Root("CN=Weak Root", Now, TestPki.NewRsa(1024)).Pem);
        Expect(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"), "ca-weak-key", DiagnosticSeverity.Error, CaLine, CaColumn).Message.Should().Contain("1024-bit RSA");
    }

    [Test]
    public void Validate_Sha1Root_ReportsCaWeakSignature()
    {
        Write("ca.pem", TestPki.Root("CN=Sha1 Root", Now, RootKeys.Value, signatureAlgorithm: "SHA1WITHRSA").Pem);
        Expect(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"), "ca-weak-signature", DiagnosticSeverity.Warning, CaLine, CaColumn);
    }

    [Test]
    public void Validate_IntermediateWithoutRoot_ReportsCaChainIncomplete()
    {
        Write("ca.pem", Intermediate.Value.Pem);
        Expect(Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro"), "ca-chain-incomplete", DiagnosticSeverity.Error, CaLine, CaColumn)
            .Message.Should().Contain("CN=Rules Root");
    }

    [Test]
    public void Validate_DepthZeroWithIntermediate_ReportsVerifyDepthTooSmallAtTheDepth()
    {
        Write("ca.pem", Intermediate.Value.Pem + Root.Value.Pem);
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro", extraEnvironment: "      SSL_VERIFY_DEPTH: \"0\"");
        var depthLine = CaLine + 2;
        Expect(report, "verify-depth-too-small", DiagnosticSeverity.Error, depthLine, ColumnOf(depthLine, "\"0\""));
    }

    [Test]
    public void Validate_TwoIntermediatesWithDefaultDepth_ReportsVerifyDepthTooSmallAtTheCaFile()
    {
        var second = TestPki.Intermediate("CN=Rules Issuing CA", Intermediate.Value, Now);
        Write("ca.pem", second.Pem + Intermediate.Value.Pem + Root.Value.Pem);
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem:ro");
        Expect(report, "verify-depth-too-small", DiagnosticSeverity.Error, CaLine, CaColumn).Message.Should().Contain("need 2");
    }

    [Test]
    public void Validate_WritableMount_ReportsMountNotReadOnlyAtTheVolume()
    {
        Write("ca.pem", Root.Value.Pem);
        var report = Validate(volumes: "      - ./ca.pem:/certs/ca.pem");
        Expect(report, "mount-not-readonly", DiagnosticSeverity.Warning, VolumeLine, 9);
    }

    [Test]
    public void Validate_ServerFilesNotMounted_ReportsServerFileNotMounted()
    {
        var report = ValidateServer(volumes: null);
        Expect(report, "server-file-not-mounted", DiagnosticSeverity.Error, ServerCertLine, ColumnOf(ServerCertLine, "/tls/cert.pem"));
    }

    [Test]
    public void Validate_ServerFilesMissing_ReportsServerFileMissing()
    {
        var report = ValidateServer();
        Expect(report, "server-file-missing", DiagnosticSeverity.Error, ServerCertLine, ColumnOf(ServerCertLine, "/tls/cert.pem"));
    }

    [Test]
    public void Validate_ServerCertificateGarbage_ReportsServerCertificateInvalid()
    {
        Write("tls/cert.pem", "not a certificate");
        Write("tls/key.pem", Root.Value.KeyPem);
        Expect(ValidateServer(), "server-certificate-invalid", DiagnosticSeverity.Error, ServerCertLine, ColumnOf(ServerCertLine, "/tls/cert.pem"));
    }

    [Test]
    public void Validate_ServerKeyGarbage_ReportsServerKeyInvalid()
    {
        Write("tls/cert.pem", Server("kcm.example.com").Pem);
        Write("tls/key.pem", "just text");
        Expect(ValidateServer(), "server-key-invalid", DiagnosticSeverity.Error, ServerCertLine + 1, ColumnOf(ServerCertLine + 1, "/tls/key.pem"));
    }

    [Test]
    public void Validate_EncryptedServerKey_ReportsServerKeyEncrypted()
    {
        Write("tls/cert.pem", Server("kcm.example.com").Pem);
        Write("tls/key.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Expect(ValidateServer(), "server-key-encrypted", DiagnosticSeverity.Error, ServerCertLine + 1, ColumnOf(ServerCertLine + 1, "/tls/key.pem"));
    }

    [Test]
    public void Validate_KeyOfAnotherCertificate_ReportsServerKeyMismatch()
    {
        Write("tls/cert.pem", Server("kcm.example.com").Pem);
        Write("tls/key.pem", Root.Value.KeyPem);
        Expect(ValidateServer(), "server-key-mismatch", DiagnosticSeverity.Error, ServerCertLine + 1, ColumnOf(ServerCertLine + 1, "/tls/key.pem"));
    }

    [Test]
    public void Validate_MatchingServerFiles_HaveNoCertificateDiagnostics()
    {
        var server = Server("kcm.example.com");
        Write("tls/cert.pem", server.Pem);
        Write("tls/key.pem", server.KeyPem);
        Certificates(ValidateServer()).Should().BeEmpty();
    }

    [Test]
    public void Validate_ExpiredServerCertificate_ReportsServerCertificateExpired()
    {
        var server = TestPki.Server("CN=kcm.example.com", Root.Value, Now, ["kcm.example.com"], TimeSpan.FromDays(-1));
        Write("tls/cert.pem", server.Pem);
        Write("tls/key.pem", server.KeyPem);
        Expect(ValidateServer(), "server-certificate-expired", DiagnosticSeverity.Error, ServerCertLine, ColumnOf(ServerCertLine, "/tls/cert.pem"));
    }

    [Test]
    public void Validate_HostnameNotInCertificate_ReportsServerHostnameMismatch()
    {
        var server = Server("other.example.com");
        Write("tls/cert.pem", server.Pem);
        Write("tls/key.pem", server.KeyPem);
        Expect(ValidateServer(), "server-hostname-mismatch", DiagnosticSeverity.Warning, HostnameLine, ColumnOf(HostnameLine, "kcm.example.com"));
    }

    [Test]
    public void Validate_WildcardCertificate_MatchesTheHostname()
    {
        var server = Server("*.example.com");
        Write("tls/cert.pem", server.Pem);
        Write("tls/key.pem", server.KeyPem);
        Certificates(ValidateServer()).Should().BeEmpty();
    }

    private const int HostnameLine = 5;
    private const int CaLine = 7;
    private const int ServerCertLine = 7;
    private const int VolumeLine = 11;

    private string yaml = string.Empty;

    private int CaColumn => ColumnOf(CaLine, "/certs/ca.pem");

    private static TestCertificate Server(string name) => TestPki.Server("CN=" + name, Root.Value, Now, [name]);

    private static IEnumerable<Diagnostic> Certificates(ValidationReport report) =>
        report.Diagnostics.Where(d => !ValidationFixtures.ComposeAndProxyCodes.Contains(d.Code));

    private static Diagnostic Expect(ValidationReport report, string code, DiagnosticSeverity severity, int line, int column)
    {
        report.Diagnostics.Where(d => d.Code == code).Should().NotBeEmpty(string.Join("\n", report.Diagnostics));
        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == code && d.Line == line, string.Join("\n", report.Diagnostics)).Subject;
        diagnostic.Severity.Should().Be(severity);
        diagnostic.Column.Should().Be(column);
        diagnostic.Message.Should().NotBeNullOrWhiteSpace();
        diagnostic.Fix.Should().NotBeNullOrWhiteSpace();
        return diagnostic;
    }

    private int ColumnOf(int line, string marker)
    {
        var text = yaml.Split('\n')[line - 1];
        text.Should().Contain(marker);
        return text.IndexOf(marker, StringComparison.Ordinal) + 1;
    }

    private void Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Encoding.ASCII);
    }

    // Line 7 is CLIENT_CERTIFICATE_FILE, line 9 the extra variable, line 10 "volumes:", line 11 the first volume.
    private ValidationReport Validate(string? volumes, string extraEnvironment = "      ACCEPT_EULA: \"Y\"", string extraTop = "")
    {
        var lines = new List<string>
        {
            "services:",
            "  ssl:",
            "    image: keeper/guacamole-ssl-nginx:2",
            "    environment:",
            "      SSL_HOSTNAME: kcm.example.com",
            "      SELF_SIGNED: \"Y\"",
            "      CLIENT_CERTIFICATE_FILE: /certs/ca.pem",
            "      SSL_VERIFY_CLIENT: \"on\"",
            extraEnvironment,
        };
        if (volumes is not null)
        {
            lines.Add("    volumes:");
            lines.Add(volumes);
        }

        lines.Add(extraTop);
        yaml = string.Join('\n', lines);
        return Run();
    }

    // Line 7 is CERTIFICATE_FILE, line 8 PRIVATE_KEY_FILE; SSL_HOSTNAME on line 5.
    private ValidationReport ValidateServer(string? volumes = "      - ./tls:/tls:ro")
    {
        yaml = $$"""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  SSL_HOSTNAME: kcm.example.com
                  ACCEPT_EULA: "Y"
                  CERTIFICATE_FILE: /tls/cert.pem
                  PRIVATE_KEY_FILE: /tls/key.pem
            {{(volumes is null ? string.Empty : "    volumes:\n" + volumes)}}
            """;
        return Run();
    }

    private ValidationReport Run() =>
        ComposeValidator.ValidateText(
            yaml,
            Path.Combine(folder, "docker-compose.yml"),
            options: new ComposeValidatorOptions { TimeProvider = new FakeTimeProvider(Now.AddMinutes(1)) });
}
