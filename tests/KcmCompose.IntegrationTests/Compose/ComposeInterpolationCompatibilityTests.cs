using System.Text.Json;
using CsCheck;
using KcmCompose.Compose;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Compose;

/// <summary>
/// Docker Compose v2 is the judge of interpolation and .env parsing: random templates and a .env using every form
/// must give the values <c>docker compose config</c> prints (which re-escapes <c>$</c> as <c>$$</c>).
/// </summary>
[NonParallelizable]
public class ComposeInterpolationCompatibilityTests
{
    private static readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal)
    {
        ["KCMV_A"] = "a-value",
        ["KCMV_E"] = string.Empty,
    };

    private static readonly Dictionary<string, string?> _processEnvironment = new(StringComparer.Ordinal)
    {
        ["KCMV_A"] = "a-value",
        ["KCMV_E"] = string.Empty,
        ["KCMV_U"] = null,
    };

    private static readonly Gen<string> _noise = Gen.OneOf(
        "$", "$$", "{", "}", "${", "${KCMV_A", "${KCMV_E", "${KCMV_U", "$KCMV_A", "$KCMV_U", ":-", "-", ":+", "+", ":?", "?",
        "x", " ", "1", ":", "/", "}}").Array[1, 8].Select(string.Concat);

    /// <summary>Well-formed expressions, nested in their arguments, so every operator meets set, empty and unset variables.</summary>
    private static readonly Gen<string> _expression = Gen.Recursive<string>((depth, self) =>
        Gen.Select(
            Gen.OneOf("KCMV_A", "KCMV_E", "KCMV_U"),
            Gen.OneOf(string.Empty, ":-", "-", ":+", "+", ":?", "?"),
            depth >= 2 ? Gen.OneOf("d", string.Empty, "$$", "x y") : Gen.OneOf(self, Gen.OneOf("d", string.Empty, "$$", "x y")),
            (name, op, argument) => op.Length == 0 ? $"${{{name}}}" : $"${{{name}{op}{argument}}}"));

    private static readonly Gen<string> _template = Gen.Frequency(
        (1, _noise),
        (2, Gen.Select(Gen.OneOf(string.Empty, "pre-", "$"), _expression, Gen.OneOf(string.Empty, "-post", "}", "$"), (a, b, c) => a + b + c)));

    private string _folder = string.Empty;

    [OneTimeSetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"kcm-compose-interp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Interpolate_RandomTemplates_GiveWhatDockerComposeGives()
    {
        var docker = Requires.Program("docker");
        var templates = _template.Array[300].Single();
        var accepted = new List<(string Template, string Value)>();
        var refused = new List<string>();
        foreach (var template in templates.Distinct(StringComparer.Ordinal))
        {
            var document = new ComposeDocument(ComposeMapping.Empty.Set("v", new ComposeScalar(template)));
            var result = ComposeInterpolator.Interpolate(document, _variables);
            if (result.Succeeded)
            {
                accepted.Add((template, ((ComposeScalar)result.Document.Root["v"]!).Value));
            }
            else
            {
                refused.Add(template);
            }
        }

        TestContext.Out.WriteLine($"{accepted.Count} templates accepted, {refused.Count} refused");
        Assert.That(accepted, Has.Count.GreaterThan(20));
        Assert.That(refused, Is.Not.Empty);
        var environment = ComposeMapping.Empty;
        for (var i = 0; i < accepted.Count; i++)
        {
            environment = environment.Set($"V{i}", new ComposeScalar(accepted[i].Template));
        }

        var printed = Config(docker, environment);
        Assert.That(printed, Is.Not.Null, "docker compose refused templates this library accepts");
        for (var i = 0; i < accepted.Count; i++)
        {
            Assert.That(printed![$"V{i}"], Is.EqualTo(ComposeText.Escape(accepted[i].Value)), $"template '{accepted[i].Template}'");
        }

        foreach (var template in refused.Take(12))
        {
            Assert.That(Config(docker, ComposeMapping.Empty.Set("V", new ComposeScalar(template))), Is.Null, $"docker compose accepted '{template}'");
        }
    }

    [Test]
    public async Task LoadEnvironment_EveryDotEnvForm_GivesWhatDockerComposeGives()
    {
        var docker = Requires.Program("docker");
        string[] lines =
        [
            "# comment", "export EXP=exported", "PLAIN=hello world # trailing comment", "HASH=a#b", "SQ='single $PLAIN \\n'",
            "DQ=\"double ${PLAIN}\\tx\\n\\$LIT\"", "REF=${PLAIN:-none}-$EXP-${KCMV_A}", "YAML: colon", "KCMV_A", "EMPTY=",
            "SPACED  =  value  ", "MULTI=\"line1", "line2\"", "OVER=file", "KCMV_E=from-file", "DOLLAR=$$x", "OCT=\"\\0101\"",
        ];
        await File.WriteAllLinesAsync(Path.Combine(_folder, ".env"), lines);
        string[] keys = ["EXP", "PLAIN", "HASH", "SQ", "DQ", "REF", "YAML", "KCMV_A", "EMPTY", "SPACED", "MULTI", "OVER", "KCMV_E", "DOLLAR", "OCT"];
        var environment = ComposeMapping.Empty;
        foreach (var key in keys)
        {
            environment = environment.Set(key, new ComposeScalar($"${{{key}-unset}}"));
        }

        var printed = Config(docker, environment);
        var variables = await ComposeEnvironment.LoadAsync(
            Path.Combine(_folder, "compose.yml"),
            processEnvironment: new Dictionary<string, string>(_variables) { ["OVER"] = "process" });
        var mine = ComposeInterpolator.Interpolate(new ComposeDocument(environment), variables).Document.Root;

        Assert.That(printed, Is.Not.Null);
        foreach (var key in keys)
        {
            Assert.That(printed![key], Is.EqualTo(ComposeText.Escape(((ComposeScalar)mine[key]!).Value)), key);
        }

        File.Delete(Path.Combine(_folder, ".env"));
    }

    /// <summary>The environment docker compose prints for a one-service file, or null when it refuses the file.</summary>
    private Dictionary<string, string?>? Config(string docker, ComposeMapping environment)
    {
        var service = ComposeMapping.Empty.Set("image", new ComposeScalar("busybox")).Set("environment", environment);
        var root = ComposeMapping.Empty.Set("services", ComposeMapping.Empty.Set("t", service));
        var path = Path.Combine(_folder, "compose.yml");
        File.WriteAllText(path, ComposeEmitter.Emit(new ComposeDocument(root)));
        var run = ProcessRunner.Run(
            docker,
            ["compose", "-f", path, "config", "--format", "json"],
            _folder,
            new Dictionary<string, string?>(_processEnvironment) { ["OVER"] = "process" });
        if (run.ExitCode != 0)
        {
            return null;
        }

        return JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("services").GetProperty("t").GetProperty("environment")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString());
    }
}
