using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class DockerEndpointTests
{
    [Test]
    public void FromEnvironment_NothingSet_IsTheDefaultSocket()
    {
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?>());

        endpoint.Should().Be(DockerEndpoint.Default);
        endpoint.UsesTls.Should().BeFalse();
    }

    [TestCase("unix:///run/user/1000/docker.sock")]
    [TestCase("tcp://10.0.0.5:2375")]
    public void FromEnvironment_DockerHost_IsUsedPlain(string host)
    {
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?> { ["DOCKER_HOST"] = host });

        endpoint.Uri.Should().Be(new Uri(host));
        endpoint.UsesTls.Should().BeFalse();
    }

    [Test]
    public void FromEnvironment_TlsVerify_UsesCertPath()
    {
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "tcp://docker.example:2376",
            ["DOCKER_TLS_VERIFY"] = "1",
            ["DOCKER_CERT_PATH"] = "/etc/docker-client",
        });

        endpoint.UsesTls.Should().BeTrue();
        endpoint.TlsVerify.Should().BeTrue();
        endpoint.TlsCertificatePath.Should().Be("/etc/docker-client");
    }

    [Test]
    public void FromEnvironment_TlsVerifyWithoutCertPath_DefaultsToDotDocker()
    {
        var endpoint = DockerEndpoint.FromEnvironment(new Dictionary<string, string?> { ["DOCKER_TLS_VERIFY"] = "1" });

        endpoint.TlsCertificatePath.Should().EndWith(".docker");
    }

    [TestCase("ssh://user@host")]
    [TestCase("not a uri")]
    public void FromEnvironment_UnusableDockerHost_ThrowsInvalidEndpoint(string host)
    {
        var act = () => DockerEndpoint.FromEnvironment(new Dictionary<string, string?> { ["DOCKER_HOST"] = host });

        act.Should().Throw<DockerException>().Which.Failure.Should().Be(DockerFailure.InvalidEndpoint);
    }

    [Test]
    public async Task ConnectAsync_TlsWithoutCertificates_SaysWhereItLooked()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kcm-no-certs-" + Guid.NewGuid().ToString("N"));
        var endpoint = new DockerEndpoint(new Uri("tcp://127.0.0.1:1"), folder, TlsVerify: true);

        var act = () => DockerConnection.ConnectAsync(endpoint);

        var error = (await act.Should().ThrowAsync<DockerException>()).Which;
        error.Failure.Should().Be(DockerFailure.TlsFailure);
        error.Message.Should().Contain(folder);
        error.Fix.Should().Contain("DOCKER_CERT_PATH");
    }
}
