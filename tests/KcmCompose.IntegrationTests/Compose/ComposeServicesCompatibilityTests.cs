using System.Globalization;
using System.Text.Json;
using KcmCompose.Compose;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Compose;

/// <summary>
/// <c>docker compose config</c> is the independent judge of the service views: for the all-syntax fixture,
/// every service's ports, volumes and environment as this library reads them must match what Compose v2 prints.
/// </summary>
public class ComposeServicesCompatibilityTests
{
    private string _folder = string.Empty;

    [OneTimeSetUp]
    public void CopyFixture()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"kcm-compose-views-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        var fixture = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Compose", "Fixtures", "everything.yml"));

        // Compose rejects unknown service keys; the library keeps them, the judge must not see them.
        File.WriteAllLines(Path.Combine(_folder, "compose.yml"), fixture.Where(l => !l.Contains("unknown_key", StringComparison.Ordinal)));
        foreach (var file in new[] { "common.env", "guac.env", "ca.pem", "key.pem", "nginx.conf" })
        {
            File.WriteAllText(Path.Combine(_folder, file), string.Empty);
        }
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Read_AllSyntaxFixture_MatchesDockerComposeConfig()
    {
        var docker = Requires.Program("docker");
        var path = Path.Combine(_folder, "compose.yml");
        var run = ProcessRunner.Run(
            docker,
            ["compose", "-f", path, "config", "--format", "json"],
            _folder,
            new Dictionary<string, string?> { ["HTTPS_PORT"] = null, ["CA_DIR"] = null, ["PASSTHROUGH"] = null });
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var judged = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("services");

        var document = await ComposeDocument.LoadAsync(path);
        var variables = await ComposeEnvironment.LoadAsync(path, processEnvironment: new Dictionary<string, string>());
        var interpolated = ComposeInterpolator.Interpolate(document, variables);
        var read = ComposeServices.Read(interpolated.Document);

        interpolated.Succeeded.Should().BeTrue();
        read.Problems.Should().BeEmpty();
        foreach (var service in read.Services)
        {
            var expected = judged.GetProperty(service.Name);
            Ports(service).Should().Equal(JudgedPorts(expected), service.Name);
            Volumes(service).Should().Equal(JudgedVolumes(expected), service.Name);
            Environment(service).Should().BeEquivalentTo(JudgedEnvironment(expected), service.Name);
        }
    }

    private static List<string> Ports(ComposeService service)
    {
        var result = new List<string>();
        foreach (var port in service.Ports)
        {
            var (targetLow, count) = Range(port.Target);
            var publishedLow = port.Published is null ? (int?)null : Range(port.Published).Low;
            for (var i = 0; i < count; i++)
            {
                var published = publishedLow is null ? string.Empty : (publishedLow + i).Value.ToString(CultureInfo.InvariantCulture);
                result.Add($"{port.HostIp}|{published}|{targetLow + i}|{port.Protocol}|{port.Mode ?? "ingress"}");
            }
        }

        return result;
    }

    private static List<string> JudgedPorts(JsonElement service) =>
        !service.TryGetProperty("ports", out var ports)
            ? []
            : [.. ports.EnumerateArray().Select(p =>
                $"{Optional(p, "host_ip")}|{Optional(p, "published")}|{p.GetProperty("target").GetInt32()}|{Optional(p, "protocol")}|{Optional(p, "mode")}")];

    private static List<string> Volumes(ComposeService service) =>
        [.. service.Volumes.Select(v => $"{v.Type.ToString().ToLowerInvariant()}|{v.Target}|{v.ReadOnly}|{v.BindSelinux}|{v.BindPropagation}")];

    private static List<string> JudgedVolumes(JsonElement service) =>
        !service.TryGetProperty("volumes", out var volumes)
            ? []
            : [.. volumes.EnumerateArray().Select(v =>
                $"{v.GetProperty("type").GetString()}|{v.GetProperty("target").GetString()}|{v.TryGetProperty("read_only", out var ro) && ro.GetBoolean()}|{Nested(v, "bind", "selinux")}|{Nested(v, "bind", "propagation")}")];

    private static Dictionary<string, string?> Environment(ComposeService service) =>
        service.Environment.ToDictionary(v => v.Name, v => v.Value);

    private static Dictionary<string, string?> JudgedEnvironment(JsonElement service) =>
        !service.TryGetProperty("environment", out var environment)
            ? []
            : environment.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());

    private static (int Low, int Count) Range(string text)
    {
        var parts = text.Split('-');
        var low = int.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts.Length == 1 ? (low, 1) : (low, int.Parse(parts[1], CultureInfo.InvariantCulture) - low + 1);
    }

    private static string Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ToString() : string.Empty;

    private static string Nested(JsonElement element, string outer, string inner) =>
        element.TryGetProperty(outer, out var value) ? Optional(value, inner) : string.Empty;

    [Test]
    public async Task Emit_AllSyntaxFixture_MeansTheSameToDockerCompose()
    {
        var docker = Requires.Program("docker");
        var original = Path.Combine(_folder, "compose.yml");
        var emitted = Path.Combine(_folder, "emitted.yml");
        await File.WriteAllTextAsync(emitted, ComposeEmitter.Emit(await ComposeDocument.LoadAsync(original)));

        var expected = Config(docker, original);
        var actual = Config(docker, emitted);

        actual.Should().Be(expected);
    }

    private string Config(string docker, string path)
    {
        var run = ProcessRunner.Run(
            docker,
            ["compose", "-p", "judge", "-f", path, "config", "--format", "json"],
            _folder,
            new Dictionary<string, string?> { ["HTTPS_PORT"] = null, ["CA_DIR"] = null, ["PASSTHROUGH"] = null });
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return run.StandardOutput;
    }
}
