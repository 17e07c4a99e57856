using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;

namespace KcmCompose.IntegrationTests.Packaging;

/// <summary>
/// Builds samples/Samples.slnx once and runs every sample as its README says, chained the way a user would:
/// issue a CA and a client certificate, generate a stack trusting that CA, guard it with the test-suite sample,
/// and apply a change to a running (stand-in) stack.
/// </summary>
[NonParallelizable]
public class SamplesTests
{
    private string _samples = null!;
    private string _work = null!;

    [OneTimeSetUp]
    public void BuildSamples()
    {
        _samples = Path.Combine(DotnetCli.RepositoryRoot(), "samples");
        _work = Directory.CreateTempSubdirectory("kcm-samples-").FullName;
        DotnetCli.Succeed(_samples, ["build", "Samples.slnx", "--disable-build-servers", "-nodeReuse:false", "-v:q"], timeout: TimeSpan.FromMinutes(8));
    }

    [OneTimeTearDown]
    public void RemoveWork() => Directory.Delete(_work, recursive: true);

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void IssueClientCertificate_NewFolder_CreatesCaAndIssuesBrowserBundle()
    {
        var pki = Path.Combine(_work, "issue", "pki");

        var result = RunSample("IssueClientCertificate", pki, "alice");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("created CA /O=Example/CN=KCM Client CA").And.Contain("issued /CN=alice");
        File.Exists(Path.Combine(pki, "ca.crt")).Should().BeTrue();
        File.Exists(Path.Combine(pki, "clients", "alice.pfx")).Should().BeTrue();
        File.GetUnixFileMode(pki + ".pass").Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(pki, "clients", "alice.pfx.pass")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var openssl = Requires.Program("openssl");
        ProcessRunner.Run(openssl, ["verify", "-CAfile", Path.Combine(pki, "ca.crt"), Path.Combine(pki, "clients", "alice.crt")])
            .ExitCode.Should().Be(0, "openssl must accept the issued certificate as signed by the CA");
        var pfxPassphrase = File.ReadAllText(Path.Combine(pki, "clients", "alice.pfx.pass")).Trim();
        result.StandardOutput.Should().NotContain(pfxPassphrase, "secrets go to 0600 files, not to the console");
        ProcessRunner.Run(openssl, ["pkey", "-in", Path.Combine(pki, "clients", "alice.key"), "-passin", "file:" + Path.Combine(pki, "clients", "alice.pfx.pass"), "-noout"])
            .ExitCode.Should().Be(0, "the saved passphrase must open the user's key");
        ProcessRunner.Run(openssl, ["pkey", "-in", Path.Combine(pki, "ca.key"), "-passin", "file:" + pki + ".pass", "-noout"])
            .ExitCode.Should().Be(0, "the saved passphrase must open the CA key");

        var again = RunSample("IssueClientCertificate", pki, "alice");
        again.ExitCode.Should().Be(1, "issuing the same name twice is refused with a message, not a stack trace");
        again.StandardError.Should().NotContain("   at ");
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void GenerateStack_WithIssuedCa_WritesValidClientAuthStack()
    {
        var pki = Path.Combine(_work, "generate", "pki");
        RunSample("IssueClientCertificate", pki, "bob").ExitCode.Should().Be(0);
        var stackFolder = Path.Combine(_work, "generate", "stack");

        var result = RunSample("GenerateStack", stackFolder, Path.Combine(pki, "ca.crt"));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain(": valid");
        var read = KcmStackReader.Read(KcmCompose.Compose.ComposeDocument.Parse(File.ReadAllText(Path.Combine(stackFolder, "docker-compose.yml"))));
        read.Stack!.Proxy.ClientAuthentication!.CaHostPath.Should().Be(Path.Combine(pki, "ca.crt"));
        read.Stack.Proxy.ClientAuthentication.VerifyClient.Should().Be(VerifyClientMode.Optional);
        File.GetUnixFileMode(Path.Combine(stackFolder, "docker-compose.yml")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Test]
    public void GenerateStack_MissingCaFile_ReportsErrorAndExits1()
    {
        var result = RunSample("GenerateStack", Path.Combine(_work, "missing-ca"), Path.Combine(_work, "no-such-ca.pem"));

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("error(s)");
    }

    [Test]
    public void ValidateInTests_GoodAndBrokenRepositories_PassesAndFailsNamingTheFile()
    {
        var pki = Path.Combine(_work, "guard", "pki");
        RunSample("IssueClientCertificate", pki, "carol").ExitCode.Should().Be(0);
        var repository = Path.Combine(_work, "guard", "repo");
        RunSample("GenerateStack", Path.Combine(repository, "production"), Path.Combine(pki, "ca.crt")).ExitCode.Should().Be(0);
        var project = Path.Combine(_samples, "ValidateInTests");
        var environment = new Dictionary<string, string?> { ["KCM_COMPOSE_ROOT"] = repository };

        var good = DotnetCli.Run(project, ["test", "--no-build"], environment);

        good.ExitCode.Should().Be(0, good.ToString());
        good.StandardOutput.Should().Contain("Passed:     2");

        Directory.CreateDirectory(Path.Combine(repository, "staging"));
        var broken = File.ReadAllText(Path.Combine(repository, "production", "docker-compose.yml"))
            .Replace("SSL_VERIFY_DEPTH: \"2\"", "SSL_VERIFY_DEPTH: \"two\"", StringComparison.Ordinal);
        broken.Should().Contain("\"two\"", "the generated stack states SSL_VERIFY_DEPTH quoted");
        File.WriteAllText(Path.Combine(repository, "staging", "docker-compose.yml"), broken);

        var bad = DotnetCli.Run(project, ["test", "--no-build"], environment);

        bad.ExitCode.Should().NotBe(0, bad.ToString());
        (bad.StandardOutput + bad.StandardError).Should().Contain("staging/docker-compose.yml").And.Contain("verify-depth-invalid");
    }

    [Test]
    public void ApplyChange_RunningStack_EnablesClientAuthInFileAndContainer()
    {
        using var stack = new ComposeTestProject();
        stack.Up();
        var before = stack.ContainerId();

        var plan = RunSample("ApplyChange", stack.FilePath, stack.CaFile, "--dry-run", "--project", stack.Name);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.StandardOutput.Should().Contain("+      SSL_VERIFY_CLIENT").And.Contain("would Recreate");
        stack.ContainerId().Should().Be(before, "a dry run changes no container");

        var applied = RunSample("ApplyChange", stack.FilePath, stack.CaFile, "--project", stack.Name);

        applied.ExitCode.Should().Be(0, applied.ToString());
        applied.StandardOutput.Should().Contain("Recreate: Recreated");
        var environment = ComposeTestProject.Inspect(stack.ContainerId(), "{{range .Config.Env}}{{println .}}{{end}}");
        environment.Should().Contain("SSL_VERIFY_CLIENT=on").And.Contain("CLIENT_CERTIFICATE_FILE=/certs/client-ca.pem").And.Contain("SSL_VERIFY_DEPTH=2");
    }

    private ProcessResult RunSample(string sample, params string[] arguments) =>
        DotnetCli.Run(_work, [Path.Combine(_samples, sample, "bin", "Debug", "net10.0", sample + ".dll"), .. arguments], timeout: TimeSpan.FromMinutes(3));
}
