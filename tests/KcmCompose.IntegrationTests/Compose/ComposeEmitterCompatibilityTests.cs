using System.Text.Json;
using CsCheck;
using KcmCompose.Compose;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Tests.Compose;
using YamlDotNet.RepresentationModel;

namespace KcmCompose.IntegrationTests.Compose;

/// <summary>
/// Docker Compose v2 (Go, YAML 1.2) and docker-compose v1 (Python, YAML 1.1) must both read every emitted
/// string back as exactly that string. Both print <c>$</c> re-escaped as <c>$$</c>, so values are written
/// through <see cref="ComposeText.Escape"/> and compared escaped.
/// </summary>
[NonParallelizable]
public class ComposeEmitterCompatibilityTests
{
    private string _folder = string.Empty;

    [OneTimeSetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"kcm-compose-compat-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static readonly Gen<string[]> _batch = ComposeGenerators.HostileString
        .Where(IsComposeEnvironmentValue)
        .Array[150];

    [Test]
    public void Emit_HostileEnvironmentValues_ComposeV2ReadsTheSameStrings()
    {
        var docker = Requires.Program("docker");
        _batch.Sample(
            values =>
            {
                var path = WriteComposeFile(values);
                var result = ProcessRunner.Run(docker, ["compose", "-f", path, "config", "--format", "json"], _folder);
                Assert.That(result.ExitCode, Is.Zero, result.ToString());
                var environment = JsonDocument.Parse(result.StandardOutput).RootElement
                    .GetProperty("services").GetProperty("t").GetProperty("environment");
                for (var i = 0; i < values.Length; i++)
                {
                    var read = environment.GetProperty($"V{i}").GetString();
                    Assert.That(read, Is.EqualTo(ComposeText.Escape(values[i])), $"V{i} in {File.ReadAllText(path)}");
                }
            },
            iter: 4,
            threads: 1);
    }

    [Test]
    public void Emit_HostileEnvironmentValues_ComposeV1ReadsTheSameStrings()
    {
        var dockerCompose = Requires.Program("docker-compose");
        _batch.Sample(
            values =>
            {
                var path = WriteComposeFile(values);
                var result = ProcessRunner.Run(dockerCompose, ["-f", path, "config"], _folder);
                Assert.That(result.ExitCode, Is.Zero, result.ToString());
                var yaml = new YamlStream();
                yaml.Load(new StringReader(result.StandardOutput));
                var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
                var environment = (YamlMappingNode)((YamlMappingNode)services["t"])["environment"];
                for (var i = 0; i < values.Length; i++)
                {
                    var read = ((YamlScalarNode)environment[$"V{i}"]).Value;
                    Assert.That(read, Is.EqualTo(ComposeText.Escape(values[i])), $"V{i} in {File.ReadAllText(path)}");
                }
            },
            iter: 4,
            threads: 1);
    }

    /// <summary>
    /// Control characters other than line feed are outside what an environment variable (and v1's YAML dumper)
    /// can carry; everything else, however hostile to YAML, is kept.
    /// </summary>
    private static bool IsComposeEnvironmentValue(string value) =>
        value.All(c => c == '\n' || (c >= ' ' && c != '\u007F' && c is not ('\u0085' or '\u2028' or '\u2029' or '\uFEFF') && !(c >= '\u0080' && c <= '\u009F')));

    private string WriteComposeFile(string[] values)
    {
        var environment = ComposeMapping.Empty;
        for (var i = 0; i < values.Length; i++)
        {
            environment = environment.Set($"V{i}", new ComposeScalar(ComposeText.Escape(values[i])));
        }

        var service = ComposeMapping.Empty.Set("image", new ComposeScalar("busybox")).Set("environment", environment);
        var root = ComposeMapping.Empty.Set("services", ComposeMapping.Empty.Set("t", service));
        var path = Path.Combine(_folder, $"compose-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, ComposeEmitter.Emit(new ComposeDocument(root)));
        return path;
    }
}
