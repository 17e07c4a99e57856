using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KcmCompose.Cli;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// Every stack <c>kcm-compose emit</c> writes (and every committed golden file and sample) is judged by the real
/// programs: Compose v2 (<c>docker compose config</c>), Compose v1 (<c>docker-compose config</c>, a YAML 1.1 reader)
/// and dclint 3.1. They run with a clean environment (PATH and HOME only) in the file's folder.
/// </summary>
[NonParallelizable]
public class KcmComposeJudgesTests
{
    private const string Hostile = "if ($ssl_client_verify != SUCCESS) { return 403; }";
    private const string MultiLine = "if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\nproxy_set_header X-Client-Verify \"$ssl_client_verify\";\n";

    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot()
    {
        _root = Path.Combine(Path.GetTempPath(), "kcm-judges-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>Named argument lists; <c>{CA}</c> is an existing CA file, <c>{MISSING}</c> a path that does not exist, <c>{CONF}</c> a multi-line nginx config file.</summary>
    private static IEnumerable<TestCaseData> EmitCases()
    {
        yield return Case("mysql-plain");
        yield return Case("postgres-plain", "--database", "postgres");
        yield return Case("mysql-client-auth-hostile", "--client-ca", "{CA}", "--additional-nginx-config", Hostile);
        yield return Case("postgres-client-auth-hostile", "--database", "postgres", "--client-ca", "{CA}", "--verify-client", "optional", "--verify-depth", "2", "--additional-nginx-config", Hostile);
        yield return Case("mysql-client-auth-multiline-missing-ca", "--client-ca", "{MISSING}", "--additional-nginx-config", MultiLine, "--tls", "self-signed");
        yield return Case("postgres-client-auth-config-file", "--database", "postgres", "--client-ca", "{CA}", "--additional-nginx-config-file", "{CONF}", "--tls", "certificate", "--certificate", "{MISSING}.crt", "--private-key", "{MISSING}.key");
        yield return Case("yaml-lookalikes", "--hostname", "on", "--client-ca", "{CA}", "--verify-client", "off", "--verify-depth", "0", "--license", "Y", "--email", "no@example.com", "--staging");
        yield return Case("no-security-headers-no-volumes", "--no-security-headers", "--no-data-volumes", "--tls", "self-signed");
        yield return Case("optional-no-ca", "--client-ca", "{CA}", "--verify-client", "optional_no_ca", "--license", "${NOT_A_VARIABLE}");
        foreach (var example in Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "nginx"), "*.conf").Order(StringComparer.Ordinal))
        {
            yield return Case("nginx-sample-" + Path.GetFileNameWithoutExtension(example), "--client-ca", "{CA}", "--verify-client", "optional", "--additional-nginx-config-file", example);
        }
    }

    private static TestCaseData Case(string name, params string[] arguments) =>
        new TestCaseData(name, arguments).SetName($"Emit_{name}_PassesComposeV2V1AndDclint");

    [TestCaseSource(nameof(EmitCases))]
    public async Task Emit_Case_PassesComposeV2V1AndDclint(string name, string[] arguments)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var ca = Path.Combine(folder, "ca.pem");
        await File.WriteAllTextAsync(ca, "not checked by compose config\n");
        var conf = Path.Combine(folder, "extra.conf");
        await File.WriteAllTextAsync(conf, MultiLine);
        var file = Path.Combine(folder, "docker-compose.yml");
        string[] args = ["emit", .. (arguments.Contains("--hostname") ? [] : new[] { "--hostname", "kcm.example.com" }),
            .. arguments.Select(a => a.Replace("{CA}", ca, StringComparison.Ordinal).Replace("{MISSING}", Path.Combine(folder, "missing", "file"), StringComparison.Ordinal).Replace("{CONF}", conf, StringComparison.Ordinal)),
            "-o", file];

        var code = await CliApp.RunAsync(args);

        code.Should().Be(0, string.Join(' ', args));
        var expectsEscapedNginx = arguments.Any(a => a.Contains("$ssl_client_verify", StringComparison.Ordinal))
            || arguments.Contains("{CONF}")
            || arguments.Any(a => a.EndsWith(".conf", StringComparison.Ordinal) && File.ReadAllText(a).Contains("$ssl_client_verify", StringComparison.Ordinal));
        Judge(file, expectsEscapedNginx);
    }

    [TestCase("mysql")]
    [TestCase("postgres")]
    public async Task Init_Database_PassesComposeV2V1AndDclint(string database)
    {
        var folder = Path.Combine(_root, "init-" + database);

        var code = await CliApp.RunAsync(["init", folder, "--hostname", "kcm.example.com", "--database", database, "--clients", "alice,bob", "--ca-key", "p256", "--client-key", "p256"]);

        code.Should().Be(0);
        Judge(Path.Combine(folder, "docker-compose.yml"), expectsEscapedNginx: false);
    }

    [Test]
    public async Task Emit_EnvFileDeleted_ComposeV2AndV1FailWithTheRequiredVariableMessage()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "no-env")).FullName;
        var file = Path.Combine(folder, "docker-compose.yml");
        (await CliApp.RunAsync(["emit", "--hostname", "kcm.example.com", "-o", file])).Should().Be(0);
        Judge(file, expectsEscapedNginx: false);
        File.Delete(Path.Combine(folder, ".env"));
        var environment = ProcessRunner.CleanEnvironment();

        var v2 = ProcessRunner.Run(Requires.Program("docker"), ["compose", "-f", file, "config", "-q"], folder, environment);
        var v1 = ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", file, "config", "-q"], folder, environment);

        v2.ExitCode.Should().NotBe(0);
        v2.StandardError.Should().Contain("required variable").And.Contain("is missing a value: set it in the .env beside the compose file");
        v1.ExitCode.Should().NotBe(0);
        v1.StandardError.Should().Contain("Missing mandatory value").And.Contain("set it in the .env beside the compose file");
    }

    private static IEnumerable<TestCaseData> CommittedFiles()
    {
        var root = RepositoryRoot();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "tests", "KcmCompose.Tests", "Kcm", "Snapshots"), "*.verified.yaml").Order(StringComparer.Ordinal))
        {
            yield return new TestCaseData(file).SetName($"Committed_{Path.GetFileName(file)}_PassesJudges");
        }

        yield return new TestCaseData(Path.Combine(root, "samples", "kcm-client-auth", "docker-compose.yml")).SetName("Committed_sample_kcm-client-auth_PassesJudges");
    }

    [TestCaseSource(nameof(CommittedFiles))]
    public void Committed_File_PassesJudges(string source)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "committed-" + Guid.NewGuid().ToString("N"))).FullName;
        var file = Path.Combine(folder, "docker-compose.yml");
        File.Copy(source, file);

        Judge(file, File.ReadAllText(file).Contains("$$ssl_client_verify", StringComparison.Ordinal));
    }

    private static void Judge(string file, bool expectsEscapedNginx)
    {
        var docker = Requires.Program("docker");
        var dockerCompose = Requires.Program("docker-compose");
        var dclint = Requires.Program("dclint");
        var folder = Path.GetDirectoryName(file)!;
        var environment = ProcessRunner.CleanEnvironment();
        var text = File.ReadAllText(file);

        var v2 = ProcessRunner.Run(docker, ["compose", "-f", file, "config", "-q"], folder, environment);
        v2.ExitCode.Should().Be(0, $"Compose v2 must accept the file\n{v2}\n{text}");
        v2.StandardError.Should().NotContainAny(["not set", "WARN", "level=warning"], $"Compose v2 must not warn\n{v2}");

        var v2Json = ProcessRunner.Run(docker, ["compose", "-f", file, "config", "--format", "json"], folder, environment);
        v2Json.ExitCode.Should().Be(0, v2Json.ToString());
        using var json = JsonDocument.Parse(v2Json.StandardOutput);
        var services = json.RootElement.GetProperty("services");
        services.EnumerateObject().Select(s => s.Name).Should().HaveCountGreaterThanOrEqualTo(4);

        var v1 = ProcessRunner.Run(dockerCompose, ["-f", file, "config", "-q"], folder, environment);
        v1.ExitCode.Should().Be(0, $"Compose v1 must accept the file\n{v1}\n{text}");
        v1.StandardError.Should().NotContainAny(["not set", "WARNING"], $"Compose v1 must not warn\n{v1}");

        if (expectsEscapedNginx)
        {
            var proxy = services.EnumerateObject().Single(s => s.Value.GetProperty("image").GetString()!.StartsWith("keeper/guacamole-ssl-nginx", StringComparison.Ordinal)).Value;
            proxy.GetProperty("environment").GetProperty("ADDITIONAL_NGINX_CONFIG").GetString()
                .Should().Contain("$$ssl_client_verify", "Compose v2 re-escapes a literal $ in its output, proving it was not interpolated away");

            var v1Config = ProcessRunner.Run(dockerCompose, ["-f", file, "config"], folder, environment);
            v1Config.ExitCode.Should().Be(0, v1Config.ToString());
            v1Config.StandardOutput.Should().Contain("$$ssl_client_verify", "Compose v1 keeps the literal $ too");
        }

        var lint = ProcessRunner.Run(dclint, [file, "-f", "json", "--color", "false"], folder, environment);
        lint.ExitCode.Should().Be(0, $"dclint must report no error\n{lint}\n{text}");
        using var report = JsonDocument.Parse(lint.StandardOutput);
        var errors = report.RootElement.EnumerateArray().Sum(r => r.GetProperty("errorCount").GetInt32());
        errors.Should().Be(0, $"dclint errors\n{lint.StandardOutput}");
        var warnings = report.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("messages").EnumerateArray())
            .Select(m => m.GetProperty("rule").GetString()).Distinct().ToList();
        warnings.Should().BeSubsetOf(
            ["require-project-name-field", "require-quotes-in-ports"],
            "the only warnings left are the project name (Compose v1 rejects 'name:') and single-quoted ports (the emitter's quoting choice)");
    }


    private static string RepositoryRoot([CallerFilePath] string callerFile = "")
    {
        var folder = Path.GetDirectoryName(callerFile);
        while (folder is not null && !File.Exists(Path.Combine(folder, "KcmCompose.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("KcmCompose.sln not found above " + callerFile);
    }
}
