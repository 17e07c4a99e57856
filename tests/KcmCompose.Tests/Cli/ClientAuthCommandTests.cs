using KcmCompose.Tests.Kcm;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

public sealed class ClientAuthCommandTests
{
    private string _folder = null!;
    private string _file = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-client-auth-").FullName;
        _file = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(_file, ClientAuthenticationEditorTests.MapStyle);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Enable_File_WritesInPlaceKeepingMode()
    {
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var (exit, output, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--verify-depth", "3");

        exit.Should().Be(0, error);
        output.Should().Contain("enabled client authentication on service 'ssl'");
        var text = await File.ReadAllTextAsync(_file);
        text.Should().Contain("SSL_VERIFY_DEPTH: \"3\"").And.Contain("/opt/ca.pem:/certs/client-ca.pem:ro").And.Contain("# keep this last");
        File.GetUnixFileMode(_file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.GetFiles(_folder).Should().ContainSingle();
    }

    [TestCase("/certs/client ca.pem")]
    [TestCase("/certs/ca.pem;ssl_verify_client")]
    [TestCase("/certs/{ca}.pem")]
    [TestCase("/certs/#ca.pem")]
    public async Task Enable_ContainerPathWithNginxSyntax_RefusedAndNothingWritten(string path)
    {
        var before = await File.ReadAllTextAsync(_file);

        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--container-path", path);

        exit.Should().Be(2);
        error.Should().Contain("--container-path").And.Contain("nginx");
        (await File.ReadAllTextAsync(_file)).Should().Be(before);
    }

    [TestCase("ON", "SSL_VERIFY_CLIENT: \"on\"")]
    [TestCase("Optional", "SSL_VERIFY_CLIENT: optional")]
    public async Task Enable_VerifyClientInAnyCase_WrittenInNginxSpelling(string given, string written)
    {
        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--verify-client", given);

        exit.Should().Be(0, error);
        (await File.ReadAllTextAsync(_file)).Should().Contain(written);
    }

    [TestCase("--verify-client", "sometimes")]
    [TestCase("--verify-depth", "-1")]
    [TestCase("--verify-depth", "two")]
    public async Task Enable_BadSetting_ExitsTwoNamingTheOption(string option, string value)
    {
        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", option, value);

        exit.Should().Be(2);
        error.Should().Contain(option).And.Contain(value);
    }

    [Test]
    public async Task Enable_DryRun_PrintsDiffAndWritesNothing()
    {
        var (exit, output, _) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--dry-run");

        exit.Should().Be(0);
        output.Should().Contain("+      CLIENT_CERTIFICATE_FILE: /certs/client-ca.pem").And.StartWith("--- a/");
        (await File.ReadAllTextAsync(_file)).Should().Be(ClientAuthenticationEditorTests.MapStyle);
    }

    [Test]
    public async Task EnableThenDisable_WithBackup_RestoresTextAndKeepsBackup()
    {
        (await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--backup")).Exit.Should().Be(0);
        var (exit, output, _) = await CliRunner.RunAsync("client-auth", "disable", _file);

        exit.Should().Be(0);
        output.Should().Contain("disabled");
        (await File.ReadAllTextAsync(_file)).Should().Be(ClientAuthenticationEditorTests.MapStyle);
        var backup = Directory.GetFiles(_folder, "*.bak").Should().ContainSingle().Subject;
        (await File.ReadAllTextAsync(backup)).Should().Be(ClientAuthenticationEditorTests.MapStyle);
    }

    [Test]
    public async Task Enable_BomAndCrlf_KeptInFile()
    {
        var original = "\uFEFF" + ClientAuthenticationEditorTests.MapStyle.ReplaceLineEndings("\r\n");
        await File.WriteAllTextAsync(_file, original, new System.Text.UTF8Encoding(false));

        (await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem")).Exit.Should().Be(0);

        var bytes = await File.ReadAllBytesAsync(_file);
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n");
        (await CliRunner.RunAsync("client-auth", "disable", _file)).Exit.Should().Be(0);
        (await File.ReadAllBytesAsync(_file)).Should().Equal(System.Text.Encoding.UTF8.GetBytes(original));
    }

    [Test]
    public async Task Disable_NothingEnabled_ExitZeroFileUntouched()
    {
        var before = File.GetLastWriteTimeUtc(_file);

        var (exit, output, _) = await CliRunner.RunAsync("client-auth", "disable", _file);

        exit.Should().Be(0);
        output.Should().Contain("not enabled");
        File.GetLastWriteTimeUtc(_file).Should().Be(before);
    }

    [Test]
    public async Task Enable_NoProxyService_ExitOneWithOneLine()
    {
        await File.WriteAllTextAsync(_file, "services:\n  web:\n    image: nginx\n");

        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem");

        exit.Should().Be(1);
        error.TrimEnd().Should().Contain("keeper/guacamole-ssl-nginx").And.NotContain("\n");
    }

    [TestCase("--verify-client", "maybe")]
    [TestCase("--verify-depth", "-1")]
    [TestCase("--container-path", "certs/ca.pem")]
    public async Task Enable_BadArgument_ExitTwo(string option, string value)
    {
        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", option, value);

        exit.Should().Be(2);
        error.Should().NotBeEmpty();
        (await File.ReadAllTextAsync(_file)).Should().Be(ClientAuthenticationEditorTests.MapStyle);
    }

    [Test]
    public async Task Enable_CaMissingHere_WarnsAndStillWrites()
    {
        var missing = Path.Combine(_folder, "no-such-ca.pem");

        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", missing);

        exit.Should().Be(0);
        error.Should().Contain("warning").And.Contain(missing);
        (await File.ReadAllTextAsync(_file)).Should().Contain(missing + ":/certs/client-ca.pem:ro");
    }

    [Test]
    public async Task Enable_CaExists_NoWarning()
    {
        var ca = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(ca, "pem");

        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", ca);

        exit.Should().Be(0);
        error.Should().BeEmpty();
    }

    [Test]
    public async Task Enable_SymbolicLink_EditsTargetAndKeepsLink()
    {
        var link = Path.Combine(_folder, "compose.yaml");
        File.CreateSymbolicLink(link, _file);

        (await CliRunner.RunAsync("client-auth", "enable", link, "--client-ca", "/opt/ca.pem")).Exit.Should().Be(0);

        new FileInfo(link).LinkTarget.Should().Be(_file);
        (await File.ReadAllTextAsync(_file)).Should().Contain("CLIENT_CERTIFICATE_FILE");
    }

    [Test]
    public async Task Disable_MissingFile_ExitTwo()
    {
        var (exit, _, error) = await CliRunner.RunAsync("client-auth", "disable", Path.Combine(_folder, "nope.yml"));

        exit.Should().Be(2);
        error.Should().Contain("does not exist");
    }
}
