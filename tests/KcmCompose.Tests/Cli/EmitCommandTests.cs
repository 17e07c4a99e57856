using KcmCompose.Cli;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Cli;

/// <summary>Runs <c>kcm-compose emit</c> in-process; console redirection makes these tests non-parallel.</summary>
[NonParallelizable]
public class EmitCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kcm-emit-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Emit_HostnameOnly_PrintsReadableStackAndExitsZero()
    {
        var (code, stdout, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com");

        code.Should().Be(0, stderr);
        stderr.Should().BeEmpty();
        var result = KcmStackReader.Read(ComposeDocument.Parse(stdout));
        result.IsClean.Should().BeTrue(string.Join("\n", result.Problems));
        result.Stack!.Proxy.SslHostname.Value.Should().Be("kcm.example.com");
        result.Stack.Database.Kind.Should().Be(DatabaseKind.MySql);
    }

    [Test]
    public async Task Emit_ClientCa_MountsReadOnlyAndSetsClientCertificateFile()
    {
        var ca = Path.Combine(_folder, "ca.pem");

        var (code, stdout, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "--database", "postgres", "--client-ca", ca,
            "--verify-client", "optional_no_ca", "--verify-depth", "3", "--additional-nginx-config", "if ($ssl_client_verify != SUCCESS) { return 403; }");

        code.Should().Be(0);
        stderr.Trim().Should().Contain("warning").And.Contain(ca).And.NotContain("\n", "a missing CA file is one warning line, not an error");
        var stack = KcmStackReader.Read(ComposeDocument.Parse(stdout)).Stack!;
        stack.Proxy.ClientAuthentication.Should().Be(new ClientAuthentication(ca, ContainerPath.Of(ClientAuthentication.DefaultCaPath), VerifyClientMode.OptionalNoCa, 3, "if ($ssl_client_verify != SUCCESS) { return 403; }"));
        stack.Database.Kind.Should().Be(DatabaseKind.PostgreSql);
        stdout.Should().Contain($"- {ca}:/certs/client-ca.pem:ro").And.Contain("$$ssl_client_verify");
    }

    [Test]
    public async Task Emit_HostPathsWithDollar_EscapedForComposeAndReadBackLiterally()
    {
        var ca = Path.Combine(_folder, "$HOME", "ca.pem");
        var certificate = Path.Combine(_folder, "${X}", "server.crt");
        var key = Path.Combine(_folder, "a$$b", "server.key");

        var (code, stdout, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "--client-ca", ca,
            "--tls", "certificate", "--certificate", certificate, "--private-key", key);

        code.Should().Be(0, stderr);
        stdout.Should().Contain($"- {_folder}/$$HOME/ca.pem:/certs/client-ca.pem:ro")
            .And.Contain($"- {_folder}/$${{X}}/server.crt:")
            .And.Contain($"- {_folder}/a$$$$b/server.key:");
        var result = KcmStackReader.Read(ComposeDocument.Parse(stdout));
        result.IsClean.Should().BeTrue(string.Join("\n", result.Problems));
        result.Stack!.Proxy.ClientAuthentication!.CaHostPath.Should().Be(ca);
        result.Stack.Proxy.Tls.Should().BeOfType<ExistingCertificateTls>().Which.CertificateHostPath.Should().Be(certificate);
        ((ExistingCertificateTls)result.Stack.Proxy.Tls).PrivateKeyHostPath.Should().Be(key);
    }

    [Test]
    public void Read_InterpolatedCaHostPath_ReportedAsNotLiteral()
    {
        var text = KcmStackBuilder.Create("kcm.example.com").WithClientCa("/srv/ca.pem").Build().ToYaml()
            .Replace("/srv/ca.pem", "${PWD}/ca.pem", StringComparison.Ordinal);

        var result = KcmStackReader.Read(ComposeDocument.Parse(text));

        result.Problems.Should().ContainSingle(p => p.Code == "kcm-value-not-literal");
    }

    [TestCase(new[] { "--verify-depth", "2" }, "verify-without-ca")]
    [TestCase(new[] { "--tag", "bad tag!" }, "kcm-invalid")]
    public async Task Emit_ModelRefusal_NamesTheCatalogCode(string[] extra, string code)
    {
        var (exit, stdout, stderr) = await RunAsync(["emit", "--hostname", "kcm.example.com", .. extra]);

        exit.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(code).And.NotContain("WithClientCa");
    }

    [Test]
    public async Task Emit_Output_WritesFileWithOwnerOnlyMode()
    {
        var file = Path.Combine(_folder, "docker-compose.yml");

        var (code, stdout, _) = await RunAsync("emit", "--hostname", "kcm.example.com", "--tls", "self-signed", "-o", file);

        code.Should().Be(0);
        stdout.Should().BeEmpty();
        KcmStackReader.Read(await ComposeDocument.LoadAsync(file)).Stack!.Proxy.Tls.Should().Be(TlsMode.SelfSigned);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.GetFiles(_folder).Select(Path.GetFileName).Should().BeEquivalentTo(["docker-compose.yml", ".env"], "the passwords go to .env and no temporary file is left behind");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(_folder, ".env")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Test]
    public async Task Emit_ExistingOutput_RefusesWithoutForce()
    {
        var file = Path.Combine(_folder, "docker-compose.yml");
        await File.WriteAllTextAsync(file, "keep me");

        var (code, _, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "-o", file);

        code.Should().Be(1);
        stderr.Trim().Should().NotContain("\n").And.Contain("already exists").And.Contain("--force");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");

        (await RunAsync("emit", "--hostname", "kcm.example.com", "-o", file, "--force")).Code.Should().Be(0);
        (await File.ReadAllTextAsync(file)).Should().StartWith("services:");
    }

    [TestCase("--hostname", "bad host")]
    [TestCase("--hostname", "kcm.example.com", "--database", "oracle")]
    [TestCase("--hostname", "kcm.example.com", "--verify-client", "maybe", "--client-ca", "/ca.pem")]
    [TestCase("--hostname", "kcm.example.com", "--verify-client", "on")]
    [TestCase("--hostname", "kcm.example.com", "--client-ca", "/ca.pem", "--verify-depth", "-1")]
    [TestCase("--hostname", "kcm.example.com", "--client-ca", "/ca.pem", "--verify-depth", "two")]
    [TestCase("--hostname", "kcm.example.com", "--tls", "certificate")]
    [TestCase("--hostname", "kcm.example.com", "--tls", "self-signed", "--email", "a@example.com")]
    [TestCase("--hostname", "kcm.example.com", "--tls", "magic")]
    [TestCase("--hostname", "kcm.example.com", "--force")]
    [TestCase("--database", "mysql")]
    public async Task Emit_BadArguments_ExitTwoWithOneLineReason(params string[] arguments)
    {
        var (code, stdout, stderr) = await RunAsync(["emit", .. arguments]);

        code.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.TrimEnd().Should().NotBeEmpty().And.NotContain("\n").And.NotContain("   at ");
    }

    [Test]
    public async Task Emit_ExistingClientCa_PrintsNoWarning()
    {
        var ca = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(ca, "x");

        var (code, _, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "--client-ca", ca);

        code.Should().Be(0);
        stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Emit_CertificateTls_MountsBothFiles()
    {
        var (code, stdout, _) = await RunAsync("emit", "--hostname", "kcm.example.com", "--tls", "certificate", "--certificate", "/etc/kcm/server.crt", "--private-key", "/etc/kcm/server.key");

        code.Should().Be(0);
        KcmStackReader.Read(ComposeDocument.Parse(stdout)).Stack!.Proxy.Tls.Should().Be(TlsMode.ExistingCertificate("/etc/kcm/server.crt", "/etc/kcm/server.key"));
    }

    [Test]
    public async Task Emit_NginxConfigFile_IsReadLiterally()
    {
        var config = Path.Combine(_folder, "extra.conf");
        await File.WriteAllTextAsync(config, "if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\n");

        var (code, stdout, _) = await RunAsync("emit", "--hostname", "kcm.example.com", "--client-ca", "/ca.pem", "--additional-nginx-config-file", config);

        code.Should().Be(0);
        KcmStackReader.Read(ComposeDocument.Parse(stdout)).Stack!.Proxy.ClientAuthentication!.AdditionalNginxConfig
            .Should().Be("if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\n");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Test]
    public async Task Emit_OutputTwiceWithExistingEnvFile_WritesIdenticalBytesAndLeavesEnvFileUnchanged()
    {
        var file = Path.Combine(_folder, "docker-compose.yml");
        var env = Path.Combine(_folder, ".env");
        (await RunAsync("emit", "--hostname", "kcm.example.com", "--database", "postgres", "-o", file)).Code.Should().Be(0);
        var firstCompose = await File.ReadAllBytesAsync(file);
        var firstEnv = await File.ReadAllBytesAsync(env);

        var (code, _, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "--database", "postgres", "-o", file, "--force");

        code.Should().Be(0, stderr);
        (await File.ReadAllBytesAsync(file)).Should().Equal(firstCompose);
        (await File.ReadAllBytesAsync(env)).Should().Equal(firstEnv);
        stderr.Should().Contain("kept");
    }

    [Test]
    public async Task Emit_EnvFileLackingOneSecret_AddsOnlyThatOneAndKeepsTheRestByteForByte()
    {
        var file = Path.Combine(_folder, "docker-compose.yml");
        var env = Path.Combine(_folder, ".env");
        const string Existing = "# mine\nGUACAMOLE_PASSWORD='kept value'\nOTHER=1";
        await File.WriteAllTextAsync(env, Existing);

        var (code, _, stderr) = await RunAsync("emit", "--hostname", "kcm.example.com", "-o", file);

        code.Should().Be(0, stderr);
        var text = await File.ReadAllTextAsync(env);
        text.Should().StartWith(Existing + "\n");
        text[Existing.Length..].Should().MatchRegex("^\nGUACAMOLE_ADMIN_PASSWORD=[A-Za-z0-9]{24}\nMYSQL_ROOT_PASSWORD=[A-Za-z0-9]{24}\n$");
    }

    [Test]
    public async Task Emit_SecurityHeadersSwitchedOff_WritesNeither()
    {
        var (code, stdout, _) = await RunAsync("emit", "--hostname", "kcm.example.com", "--no-security-headers", "--no-data-volumes");

        code.Should().Be(0);
        stdout.Should().NotContain("CONTENT_TYPE_OPTIONS").And.NotContain("CONTENT_SECURITY_POLICY").And.NotContain("volumes:");
    }
}
