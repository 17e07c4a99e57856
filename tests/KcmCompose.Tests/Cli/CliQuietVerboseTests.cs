using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>The global --quiet and --verbose as the commands' human output honours them; emit -o says what it wrote.</summary>
public sealed class CliQuietVerboseTests : RevokedClientFixture
{
    [OneTimeSetUp]
    public void SetPassphrases() => Environment.SetEnvironmentVariable("KCM_TEST_CA_PASS", CaPassphrase);

    [Test]
    public async Task EmitOutput_WritesOneLineSayingWhatItWrote()
    {
        var file = Path.Combine(Root, "out.yml");

        var (exit, output, error) = await CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "-o", file);

        exit.Should().Be(0, error);
        output.Should().BeEmpty();
        var env = Path.Combine(Root, ".env");
        error.Should().Be(
            $"kcm-compose emit: created {env} (mode 0600) with GUACAMOLE_ADMIN_PASSWORD, GUACAMOLE_PASSWORD, MYSQL_ROOT_PASSWORD; keep it private and back it up.{Environment.NewLine}"
            + $"kcm-compose emit: wrote {file} ({new FileInfo(file).Length} bytes, mode 0600).{Environment.NewLine}");
    }

    [Test]
    public async Task EmitOutput_Quiet_SaysNothing()
    {
        var (exit, output, error) = await CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "-o", Path.Combine(Root, "out.yml"), "--quiet", "--client-ca", Path.Combine(Root, "missing-ca.pem"));

        exit.Should().Be(0, error);
        (output + error).Should().BeEmpty("--quiet hides the 'wrote' line and the missing-mount warning");
    }

    [Test]
    public async Task EmitStdout_Quiet_StillPrintsTheYaml()
    {
        var (_, output, _) = await CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "-q");

        output.Should().Contain("services:");
    }

    [Test]
    public async Task ClientIssue_Quiet_PrintsOnlyTheGeneratedPassphrase()
    {
        var (normalExit, normal, _) = await CliRunner.RunAsync("client", "issue", "carol", "--ca-dir", Ca.Directory, "--key", "p256", "--ca-passphrase-env", "KCM_TEST_CA_PASS");
        var (exit, quiet, error) = await CliRunner.RunAsync("client", "issue", "dave", "--ca-dir", Ca.Directory, "--key", "p256", "--ca-passphrase-env", "KCM_TEST_CA_PASS", "--quiet");

        normalExit.Should().Be(0);
        normal.Should().Contain("Issued carol").And.Contain("certificate:");
        exit.Should().Be(0, error);
        quiet.Should().NotContain("Issued").And.NotContain("certificate:").And.Contain("Generated passphrase");
    }

    [Test]
    public async Task ClientList_Quiet_PrintsNothing()
    {
        var (exit, output, _) = await CliRunner.RunAsync("client", "list", "--ca-dir", Ca.Directory, "--quiet");

        exit.Should().Be(0);
        output.Should().BeEmpty();
    }

    [Test]
    public async Task ClientAuthDisable_Quiet_PrintsNothingButStillEdits()
    {
        var (exit, output, error) = await CliRunner.RunAsync("client-auth", "disable", ComposeFile, "-q");

        exit.Should().Be(0, error);
        (output + error).Should().BeEmpty();
        (await File.ReadAllTextAsync(ComposeFile)).Should().NotContain("CLIENT_CERTIFICATE_FILE");
    }

    [Test]
    public async Task Validate_Verbose_SaysWhichFilesItReads()
    {
        var (_, _, quietError) = await CliRunner.RunAsync("validate", ComposeFile);
        var (_, _, error) = await CliRunner.RunAsync("validate", ComposeFile, "--verbose");

        quietError.Should().NotContain("reading");
        error.Should().Contain($"kcm-compose validate: reading {ComposeFile}");
    }

    [Test]
    public async Task ClientAuthEnable_VerboseBeforeCommand_IsAcceptedAsGlobalOption()
    {
        var (exit, output, error) = await CliRunner.RunAsync("--verbose", "client-auth", "enable", ComposeFile, "--client-ca", Path.Combine(Ca.Directory, "ca.crt"), "--dry-run");

        exit.Should().Be(0, error);
        error.Should().Contain("reading");
        output.Should().Contain("+++");
    }
}
