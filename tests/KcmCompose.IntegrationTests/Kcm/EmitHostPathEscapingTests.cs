using System.Text.Json;
using KcmCompose.Cli;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// A host path with <c>$</c> in it reaches Compose as written: <c>emit</c> escapes it, and Compose v2's <c>config</c>
/// (which interpolates, then prints the result escaped again) shows the literal path even with HOME and X set.
/// </summary>
[NonParallelizable]
public sealed class EmitHostPathEscapingTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("kcm-emit-dollar-").FullName;

    [OneTimeTearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task Emit_HostPathsWithDollar_ComposeConfigShowsLiteralPaths()
    {
        var docker = Requires.Program("docker");
        var ca = Path.Combine(_root, "$HOME", "ca.pem");
        var certificate = Path.Combine(_root, "${X}", "server.crt");
        var key = Path.Combine(_root, "${X-y}$", "server.key");
        var file = Path.Combine(_root, "docker-compose.yml");

        var code = await CliApp.RunAsync(["emit", "--hostname", "kcm.example.com", "--license", "test", "--client-ca", ca,
            "--tls", "certificate", "--certificate", certificate, "--private-key", key, "-o", file]);

        code.Should().Be(0);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["HOME"] = "/home/interpolated",
            ["X"] = "interpolated",
        };
        var json = ProcessRunner.Run(docker, ["compose", "-f", file, "config", "--format", "json"], _root, environment);
        json.ExitCode.Should().Be(0, json.ToString());
        using var config = JsonDocument.Parse(json.StandardOutput);
        var proxy = config.RootElement.GetProperty("services").GetProperty("ssl");
        var sources = proxy.GetProperty("volumes").EnumerateArray().Select(v => v.GetProperty("source").GetString()).ToList();
        // 'config' prints a compose file, so it escapes a literal '$' again: '$$' here is the literal '$' Compose resolved.
        // Had Compose interpolated the path, HOME and X would show as '/home/interpolated' and 'interpolated'.
        sources.Should().BeEquivalentTo(new[] { ca, certificate, key }.Select(p => p.Replace("$", "$$", StringComparison.Ordinal)));
        json.StandardOutput.Should().NotContain("interpolated");
    }
}
