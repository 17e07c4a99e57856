using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Cli;

/// <summary>Runs <c>kcm-compose emit --target swarm</c> in-process; console redirection makes these tests non-parallel.</summary>
[NonParallelizable]
public class EmitSwarmCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("kcm-emit-swarm-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task EmitSwarm_ClientCa_WritesHashedConfigAndDeploy()
    {
        var ca = Path.Combine(_folder, "ca.pem");
        await File.WriteAllTextAsync(ca, "PEM");

        var (code, stdout, stderr) = await Validation.CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "--target", "swarm", "--client-ca", ca, "--replicas", "2");

        code.Should().Be(0, stderr);
        var root = ComposeDocument.Parse(stdout).Root;
        var config = (ComposeMapping)((ComposeMapping)root["configs"]!)["client-ca"]!;
        config["name"].Should().Be(new ComposeScalar(SwarmObjectName.For("kcm-client-ca", "PEM"u8)));
        var proxy = (ComposeMapping)((ComposeMapping)root["services"]!)["ssl"]!;
        ((ComposeMapping)proxy["deploy"]!)["replicas"].Should().Be(new ComposeScalar("2", ScalarType.Integer));
        proxy["volumes"].Should().BeNull();
    }

    [Test]
    public async Task EmitSwarm_MissingCa_ExitsTwoNamingTheFile()
    {
        var ca = Path.Combine(_folder, "absent.pem");
        var output = Path.Combine(_folder, "stack.yml");

        var (code, _, stderr) = await Validation.CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "--target", "swarm", "--client-ca", ca, "-o", output);

        code.Should().Be(2);
        stderr.Should().Contain($"'{ca}' does not exist").And.Contain("named after its content");
        File.Exists(output).Should().BeFalse();
    }

    [TestCase("--target", "kubernetes", "--target must be compose or swarm")]
    [TestCase("--replicas", "2", "need --target swarm")]
    [TestCase("--swarm-network", "host", "need --target swarm")]
    public async Task Emit_BadSwarmOption_ExitsTwo(string option, string value, string message)
    {
        var (code, _, stderr) = await Validation.CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", option, value);

        code.Should().Be(2);
        stderr.Should().Contain(message);
    }

    [Test]
    public async Task EmitSwarm_Output_WritesFileWithMode0600()
    {
        var output = Path.Combine(_folder, "stack.yml");

        var (code, _, stderr) = await Validation.CliRunner.RunAsync("emit", "--hostname", "kcm.example.com", "--target", "swarm", "--swarm-network", "host", "-o", output);

        code.Should().Be(0, stderr);
        (await File.ReadAllTextAsync(output)).Should().Contain("name: host");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(output).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
