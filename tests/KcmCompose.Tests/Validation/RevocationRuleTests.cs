using KcmCompose.Certificates;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary><c>revocation-not-enforced</c> and <c>deny-list-stale</c>, with a real CA folder and a CRL it wrote.</summary>
public sealed class RevocationRuleTests
{
    private const string CaPassphrase = "ca-pass-1";

    private const string Stack = """
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            volumes:
              - ./ca/ca.crt:/certs/ca.pem:ro
            environment:
              ACCEPT_EULA: "Y"
              SSL_HOSTNAME: kcm.example.com
              SELF_SIGNED: "Y"
              GUACAMOLE_HOSTNAME: guacamole
              CLIENT_CERTIFICATE_FILE: /certs/ca.pem
              SSL_VERIFY_CLIENT: "on"
              ADDITIONAL_NGINX_CONFIG: "add_header X-Mine 1;"
          guacamole:
            image: keeper/guacamole:2
            environment:
              ACCEPT_EULA: "Y"
        """;

    private string _root = null!;
    private CertificateAuthority _ca = null!;
    private string _bobSerial = null!;
    private string _compose = null!;

    [SetUp]
    public async Task SetUp()
    {
        _root = Directory.CreateTempSubdirectory("kcm-revocation-rule-").FullName;
        _ca = new CertificateAuthority(Path.Combine(_root, "ca"));
        await _ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase });
        foreach (var name in new[] { "alice", "bob" })
        {
            await _ca.IssueClientAsync(new ClientIssueOptions { Name = name, CaPassphrase = CaPassphrase, Passphrase = "client-pass-1", Key = KeyAlgorithm.EcdsaP256 });
        }

        _bobSerial = (await _ca.RevokeAsync("bob")).Single().SerialNumber;
        _compose = Path.Combine(_root, "docker-compose.yml");
        await File.WriteAllTextAsync(_compose, Stack);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private async Task<string[]> CodesAsync(RevocationList? revocations)
    {
        var report = await ComposeValidator.ValidateFileAsync(_compose, new ComposeValidatorOptions { Revocations = revocations });
        return [.. report.Diagnostics.Select(d => d.Code).Where(c => c is "revocation-not-enforced" or "deny-list-stale")];
    }

    [Test]
    public async Task Validate_RevokedClientMissingFromDenyList_ReportsRevocationNotEnforced()
    {
        var revocations = await RevocationList.FromCaAsync(_ca.Directory);

        var report = await ComposeValidator.ValidateFileAsync(_compose, new ComposeValidatorOptions { Revocations = revocations });

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "revocation-not-enforced").Which;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Message.Should().Contain("bob (" + RevocationList.NginxSerial(_bobSerial) + ")");
        diagnostic.Path.Should().Be("services.ssl.environment.ADDITIONAL_NGINX_CONFIG");
        report.IsValid.Should().BeFalse();
    }

    [Test]
    public async Task Validate_WithoutRevocations_ChecksNothing() => (await CodesAsync(null)).Should().BeEmpty();

    [Test]
    public async Task Validate_DenyListWritten_NoRevocationDiagnostic()
    {
        var revocations = await RevocationList.FromCaAsync(_ca.Directory);
        (await RevocationDenyList.ApplyFileAsync(_compose, revocations.Revoked.Select(r => r.SerialNumber))).Written.Should().BeTrue();

        (await CodesAsync(revocations)).Should().BeEmpty();
    }

    [Test]
    public async Task Validate_ListedSerialNeverIssued_ReportsDenyListStale()
    {
        var revocations = await RevocationList.FromCaAsync(_ca.Directory);
        await RevocationDenyList.ApplyFileAsync(_compose, [_bobSerial, "0BAD"]);

        var report = await ComposeValidator.ValidateFileAsync(_compose, new ComposeValidatorOptions { Revocations = revocations });

        var stale = report.Diagnostics.Should().ContainSingle(d => d.Code == "deny-list-stale").Which;
        stale.Severity.Should().Be(DiagnosticSeverity.Warning);
        stale.Value.Should().Be("0BAD");
        report.Diagnostics.Should().NotContain(d => d.Code == "revocation-not-enforced");
    }

    [Test]
    public async Task Validate_Crl_SameVerdictAndNoStaleCheck()
    {
        var crl = Path.Combine(_root, "ca", "crl.pem");
        await _ca.WriteCrlAsync(new CrlOptions { OutputPath = crl, CaPassphrase = CaPassphrase });
        var revocations = await RevocationList.FromCrlAsync(crl);

        (await CodesAsync(revocations)).Should().Equal("revocation-not-enforced");
        await RevocationDenyList.ApplyFileAsync(_compose, [_bobSerial, "0BAD"]);
        (await CodesAsync(revocations)).Should().BeEmpty();
    }

    [Test]
    public async Task Validate_CaFileOfAnotherCa_NotChecked()
    {
        var other = new CertificateAuthority(Path.Combine(_root, "other"));
        await other.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase, Subject = CertificateSubject.FromCommonName("Another CA") });
        await File.WriteAllTextAsync(_compose, Stack.Replace("./ca/ca.crt", "./other/ca.crt", StringComparison.Ordinal));

        (await CodesAsync(await RevocationList.FromCaAsync(_ca.Directory))).Should().BeEmpty();
    }

    [Test]
    public async Task ValidateCommand_CaDir_ExitsOneWithTheCode()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", _compose, "--ca-dir", _ca.Directory);

        exit.Should().Be(1);
        output.Should().Contain("revocation-not-enforced");
    }

    [Test]
    public async Task ValidateCommand_CaDirAndCrl_Refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync("validate", _compose, "--ca-dir", _ca.Directory, "--crl", "x.pem");

        exit.Should().Be(2);
        error.Should().Contain("either --ca-dir or --crl");
    }
}
