using System.CommandLine;
using System.Text.Json;
using KcmCompose.Cli;
using KcmCompose.Tests.Certificates;

namespace KcmCompose.Tests.Cli;

public class CheckClientCommandTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Lazy<TestCertificate> Root = new(() => TestPki.Root("CN=Cli Root", Now));
    private string folder = string.Empty;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("kcm-cacheck-cli-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public async Task CheckClient_ClientOfTheMountedCa_ExitsZeroWithAccept()
    {
        Write("ca.pem", Root.Value.Pem);
        Write("client.pem", TestPki.Client("CN=alice", Root.Value, Now).Pem);
        var compose = Compose("      - ./ca.pem:/certs/ca.pem:ro");

        var (exit, output, _) = await Run("check-client", Path.Combine(folder, "client.pem"), compose);

        exit.Should().Be(0);
        output.Should().StartWith("accept: ");
    }

    [Test]
    public async Task CheckClient_MountSourceFromDotEnv_IsInterpolated()
    {
        Write("ca.pem", Root.Value.Pem);
        Write(".env", "KCM_CLIENT_CA=./ca.pem\n");
        Write("client.pem", TestPki.Client("CN=alice", Root.Value, Now).Pem);
        var compose = Compose("      - ${KCM_CLIENT_CA}:/certs/ca.pem:ro");

        var (exit, output, error) = await Run("check-client", Path.Combine(folder, "client.pem"), compose);

        exit.Should().Be(0, output + error);
    }

    [Test]
    public async Task CheckClient_ClientOfAnotherCa_ExitsOneWithJsonReject()
    {
        Write("ca.pem", Root.Value.Pem);
        Write("client.pem", TestPki.Client("CN=mallory", TestPki.Root("CN=Other", Now), Now).Pem);
        var compose = Compose("      - ./ca.pem:/certs/ca.pem:ro");

        var (exit, output, _) = await Run("check-client", Path.Combine(folder, "client.pem"), compose, "--format", "json");

        exit.Should().Be(1);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("reject");
        json.RootElement.GetProperty("reason").GetString().Should().Contain("CN=Other");
    }

    [Test]
    public async Task CheckClient_CaPathIsAFolder_RejectsInBoundedTime()
    {
        Directory.CreateDirectory(Path.Combine(folder, "ca.pem"));
        Write("client.pem", TestPki.Client("CN=alice", Root.Value, Now).Pem);
        var compose = Compose("      - ./ca.pem:/certs/ca.pem:ro");

        var (exit, output, _) = await Run("check-client", Path.Combine(folder, "client.pem"), compose);

        exit.Should().Be(1);
        output.Should().Contain("folder");
    }

    [TestCase("missing-client")]
    [TestCase("garbage-client")]
    [TestCase("missing-compose")]
    [TestCase("named-volume")]
    [TestCase("no-proxy")]
    public async Task CheckClient_CannotRun_ExitsTwoWithOneLine(string scenario)
    {
        Write("ca.pem", Root.Value.Pem);
        Write("client.pem", scenario == "garbage-client" ? "\u0001\u0002garbage" : TestPki.Client("CN=alice", Root.Value, Now).Pem);
        var compose = scenario switch
        {
            "named-volume" => Compose("      - certs:/certs:ro"),
            "missing-compose" => Path.Combine(folder, "nope.yml"),
            "no-proxy" => WriteCompose("services:\n  web:\n    image: nginx\n"),
            _ => Compose("      - ./ca.pem:/certs/ca.pem:ro"),
        };
        var client = Path.Combine(folder, scenario == "missing-client" ? "nope.pem" : "client.pem");

        var (exit, _, error) = await Run("check-client", client, compose);

        exit.Should().Be(2);
        error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("kcm-compose check-client: ");
    }

    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.CreateRootCommand().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error })
            .WaitAsync(TimeSpan.FromSeconds(30));
        return (exit, output.ToString(), error.ToString());
    }

    private string Compose(string volume) => WriteCompose($"""
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            environment:
              CLIENT_CERTIFICATE_FILE: /certs/ca.pem
            volumes:
        {volume}

        """);

    private string WriteCompose(string yaml)
    {
        Write("docker-compose.yml", yaml);
        return Path.Combine(folder, "docker-compose.yml");
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(folder, name), content);
}
