using KcmCompose.Certificates;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Validation;

/// <summary><c>revocation-not-enforced</c> and <c>deny-list-stale</c>, with a real CA folder and a CRL it wrote.</summary>
public sealed class RevocationRuleTests : RevokedClientFixture
{
    private async Task<string[]> CodesAsync(RevocationList? revocations)
    {
        var report = await ComposeValidator.ValidateFileAsync(ComposeFile, new ComposeValidatorOptions { Revocations = revocations });
        return [.. report.Diagnostics.Select(d => d.Code).Where(c => c is "revocation-not-enforced" or "deny-list-stale")];
    }

    [Test]
    public async Task Validate_RevokedClientMissingFromDenyList_ReportsRevocationNotEnforced()
    {
        var revocations = await RevocationList.FromCaAsync(Ca.Directory);

        var report = await ComposeValidator.ValidateFileAsync(ComposeFile, new ComposeValidatorOptions { Revocations = revocations });

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "revocation-not-enforced").Which;
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        diagnostic.Message.Should().Contain("bob (" + RevocationList.NginxSerial(BobSerial) + ")");
        diagnostic.Path.Should().Be("services.ssl.environment.ADDITIONAL_NGINX_CONFIG");
        report.IsValid.Should().BeFalse();
    }

    [Test]
    public async Task Validate_WithoutRevocations_ChecksNothing() => (await CodesAsync(null)).Should().BeEmpty();

    [Test]
    public async Task Validate_DenyListWritten_NoRevocationDiagnostic()
    {
        var revocations = await RevocationList.FromCaAsync(Ca.Directory);
        (await RevocationDenyList.ApplyFileAsync(ComposeFile, revocations.Revoked.Select(r => r.SerialNumber))).Written.Should().BeTrue();

        (await CodesAsync(revocations)).Should().BeEmpty();
    }

    [Test]
    public async Task Validate_ListedSerialNeverIssued_ReportsDenyListStale()
    {
        var revocations = await RevocationList.FromCaAsync(Ca.Directory);
        await RevocationDenyList.ApplyFileAsync(ComposeFile, [BobSerial, "0BAD"]);

        var report = await ComposeValidator.ValidateFileAsync(ComposeFile, new ComposeValidatorOptions { Revocations = revocations });

        var stale = report.Diagnostics.Should().ContainSingle(d => d.Code == "deny-list-stale").Which;
        stale.Severity.Should().Be(DiagnosticSeverity.Warning);
        stale.Value.Should().Be("0BAD");
        report.Diagnostics.Should().NotContain(d => d.Code == "revocation-not-enforced");
    }

    [Test]
    public async Task Validate_Crl_SameVerdictAndNoStaleCheck()
    {
        var crl = Path.Combine(Root, "ca", "crl.pem");
        await Ca.WriteCrlAsync(new CrlOptions { OutputPath = crl, CaPassphrase = CaPassphrase });
        var revocations = await RevocationList.FromCrlAsync(crl);

        (await CodesAsync(revocations)).Should().Equal("revocation-not-enforced");
        await RevocationDenyList.ApplyFileAsync(ComposeFile, [BobSerial, "0BAD"]);
        (await CodesAsync(revocations)).Should().BeEmpty();
    }

    [Test]
    public async Task Validate_CaFileOfAnotherCa_NotChecked()
    {
        var other = new CertificateAuthority(Path.Combine(Root, "other"));
        await other.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase, Subject = CertificateSubject.FromCommonName("Another CA") });
        await File.WriteAllTextAsync(ComposeFile, Stack.Replace("./ca/ca.crt", "./other/ca.crt", StringComparison.Ordinal));

        (await CodesAsync(await RevocationList.FromCaAsync(Ca.Directory))).Should().BeEmpty();
    }

    [Test]
    public async Task ValidateCommand_CaDir_ExitsOneWithTheCode()
    {
        var (exit, output, _) = await CliRunner.RunAsync("validate", ComposeFile, "--ca-dir", Ca.Directory);

        exit.Should().Be(1);
        output.Should().Contain("revocation-not-enforced");
    }

    [Test]
    public async Task ValidateCommand_CaDirAndCrl_Refused()
    {
        var (exit, _, error) = await CliRunner.RunAsync("validate", ComposeFile, "--ca-dir", Ca.Directory, "--crl", "x.pem");

        exit.Should().Be(2);
        error.Should().Contain("either --ca-dir or --crl");
    }
}

/// <summary>A CA folder with alice and bob (bob revoked) and a compose file whose proxy trusts it.</summary>
public abstract class RevokedClientFixture
{
    protected const string CaPassphrase = "ca-pass-1";

    protected const string Stack = """
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

    protected string Root { get; private set; } = null!;
    protected CertificateAuthority Ca { get; private set; } = null!;
    protected string BobSerial { get; private set; } = null!;
    protected string ComposeFile { get; private set; } = null!;

    [SetUp]
    public async Task SetUp()
    {
        Root = Directory.CreateTempSubdirectory("kcm-revocation-rule-").FullName;
        Ca = new CertificateAuthority(Path.Combine(Root, "ca"));
        await Ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase });
        foreach (var name in new[] { "alice", "bob" })
        {
            await Ca.IssueClientAsync(new ClientIssueOptions { Name = name, CaPassphrase = CaPassphrase, Passphrase = "client-pass-1", Key = KeyAlgorithm.EcdsaP256 });
        }

        BobSerial = (await Ca.RevokeAsync("bob")).Single().SerialNumber;
        ComposeFile = Path.Combine(Root, "docker-compose.yml");
        await File.WriteAllTextAsync(ComposeFile, Stack);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(Root, recursive: true);

}
