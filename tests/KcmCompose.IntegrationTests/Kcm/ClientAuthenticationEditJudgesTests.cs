using System.Collections;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KcmCompose.Cli;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// <c>kcm-compose client-auth enable</c> on real-looking files, judged by Compose v2, Compose v1 and dclint: the edited
/// file is accepted, the CA is mounted read-only, CLIENT_CERTIFICATE_FILE is set, no new dclint error appears and the
/// operator's comments are still there; <c>disable</c> gives back the original bytes.
/// </summary>
[NonParallelizable]
public sealed class ClientAuthenticationEditJudgesTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("kcm-edit-judges-").FullName;

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [TestCase("keeper-docs")]
    [TestCase("list-style")]
    [TestCase("env-file-only")]
    public async Task EnableThenDisable_Input_JudgesAcceptAndOriginalComesBack(string name)
    {
        var docker = Requires.Program("docker");
        var dockerCompose = Requires.Program("docker-compose");
        var dclint = Requires.Program("dclint");
        var folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        var file = Path.Combine(folder, "docker-compose.yml");
        var original = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "tests", "KcmCompose.Tests", "Kcm", "Editing", "Inputs", name + ".yml"));
        await File.WriteAllTextAsync(file, original);
        await File.WriteAllTextAsync(Path.Combine(folder, "ssl.env"), "ACCEPT_EULA=Y\nSSL_HOSTNAME=kcm.example.com\n");
        var ca = Path.Combine(folder, "client-ca.pem");
        await File.WriteAllTextAsync(ca, "not read by compose config\n");
        var errorsBefore = DclintErrors(dclint, file, folder);

        var code = await CliApp.RunAsync(["client-auth", "enable", file, "--client-ca", ca, "--verify-depth", "2", "--additional-nginx-config", "if ($ssl_client_verify != SUCCESS) { return 403; }"]);

        code.Should().Be(0);
        var edited = await File.ReadAllTextAsync(file);
        foreach (var line in original.Split('\n').Where(l => l.Contains('#', StringComparison.Ordinal)))
        {
            edited.Should().Contain(line);
        }

        var environment = ProcessRunner.CleanEnvironment();
        var v2 = ProcessRunner.Run(docker, ["compose", "-f", file, "config", "-q"], folder, environment);
        v2.ExitCode.Should().Be(0, $"Compose v2 must accept the edited file\n{v2}\n{edited}");
        var v1 = ProcessRunner.Run(dockerCompose, ["-f", file, "config", "-q"], folder, environment);
        v1.ExitCode.Should().Be(0, $"Compose v1 must accept the edited file\n{v1}\n{edited}");

        var json = ProcessRunner.Run(docker, ["compose", "-f", file, "config", "--format", "json"], folder, environment);
        json.ExitCode.Should().Be(0, json.ToString());
        using var config = JsonDocument.Parse(json.StandardOutput);
        var proxy = config.RootElement.GetProperty("services").EnumerateObject()
            .Single(s => s.Value.GetProperty("image").GetString()!.Contains("keeper/guacamole-ssl-nginx", StringComparison.Ordinal)).Value;
        proxy.GetProperty("environment").GetProperty("CLIENT_CERTIFICATE_FILE").GetString().Should().Be("/certs/client-ca.pem");
        proxy.GetProperty("environment").GetProperty("SSL_VERIFY_CLIENT").GetString().Should().Be("on");
        proxy.GetProperty("environment").GetProperty("ADDITIONAL_NGINX_CONFIG").GetString().Should().Contain("$$ssl_client_verify");
        var mount = proxy.GetProperty("volumes").EnumerateArray().Single(v => v.GetProperty("target").GetString() == "/certs/client-ca.pem");
        mount.GetProperty("type").GetString().Should().Be("bind");
        mount.GetProperty("source").GetString().Should().Be(ca);
        mount.GetProperty("read_only").GetBoolean().Should().BeTrue();

        DclintErrors(dclint, file, folder).Should().BeSubsetOf(errorsBefore, "the edit must not add dclint errors");

        (await CliApp.RunAsync(["client-auth", "disable", file])).Should().Be(0);
        (await File.ReadAllTextAsync(file)).Should().Be(original);
    }

    /// <summary>The dclint findings of type error, as rule + message.</summary>
    private static List<string> DclintErrors(string dclint, string file, string folder)
    {
        var lint = ProcessRunner.Run(dclint, [file, "-f", "json", "--color", "false"], folder, ProcessRunner.CleanEnvironment());
        using var report = JsonDocument.Parse(lint.StandardOutput);
        return report.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("messages").EnumerateArray())
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{m.GetProperty("rule").GetString()}: {m.GetProperty("message").GetString()}")
            .ToList();
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
