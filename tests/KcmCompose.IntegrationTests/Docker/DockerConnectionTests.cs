using KcmCompose.Docker;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

public class DockerConnectionTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder()
    {
        Requires.DockerDaemon();
        _directory = Path.Combine(Path.GetTempPath(), "kcm-dtls-" + Guid.NewGuid().ToString("N")[..8]);
    }

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task ConnectAsync_TcpWithTlsVerifyFromEnvironment_TalksToTheDaemon()
    {
        using var proxy = new TlsDockerProxy(_directory);
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = $"tcp://127.0.0.1:{proxy.Port}",
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = proxy.CertificateDirectory,
        });

        using var connection = await DockerConnection.ConnectAsync(endpoint);
        var containers = await ComposeContainers.ListAsync(connection, "kcm-no-such-project");

        connection.ApiVersion.Should().BeGreaterThanOrEqualTo(DockerConnection.MinimumApiVersion);
        connection.ServerVersion.Should().Be(ProcessRunner.Run("docker", ["version", "--format", "{{.Server.Version}}"]).StandardOutput.Trim());
        containers.Should().BeEmpty();
    }

    [Test]
    public async Task ConnectAsync_TlsEndpointWithoutTls_FailsNamingTheEndpoint()
    {
        using var proxy = new TlsDockerProxy(_directory);
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?> { ["DOCKER_HOST"] = $"tcp://127.0.0.1:{proxy.Port}" });

        var act = () => DockerConnection.ConnectAsync(endpoint);

        var error = (await act.Should().ThrowAsync<DockerException>()).Which;
        error.Endpoint.Should().Contain(proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
