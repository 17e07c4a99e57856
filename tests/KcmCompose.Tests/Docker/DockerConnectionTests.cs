using System.Net.Sockets;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class DockerConnectionTests
{
    private static readonly DockerEndpoint Endpoint = DockerEndpoint.Default;

    [TestCase("1.41", "1.12", "1.41")]
    [TestCase("1.53", "1.44", "1.51")]
    [TestCase("1.51", "1.24", "1.51")]
    [TestCase("1.45", "1.24", "1.45")]
    public void Negotiate_OverlappingRanges_PicksNewestCommonVersion(string max, string min, string expected) =>
        DockerConnection.Negotiate(max, min, Endpoint).Should().Be(Version.Parse(expected));

    [TestCase("1.40", "1.12")]
    [TestCase("1.60", "1.55")]
    public void Negotiate_NoOverlap_ThrowsUnsupportedApiVersion(string max, string min)
    {
        var act = () => DockerConnection.Negotiate(max, min, Endpoint);

        act.Should().Throw<DockerException>().Which.Failure.Should().Be(DockerFailure.UnsupportedApiVersion);
    }

    [TestCase(SocketError.AccessDenied, DockerFailure.PermissionDenied)]
    [TestCase(SocketError.ConnectionRefused, DockerFailure.Unreachable)]
    [TestCase(SocketError.HostUnreachable, DockerFailure.Unreachable)]
    public void Translate_SocketError_NamesFailureAndEndpoint(SocketError error, DockerFailure expected)
    {
        var exception = new HttpRequestException("Connection failed.", new SocketException((int)error));

        var translated = DockerErrors.Translate(exception, Endpoint);

        translated.Failure.Should().Be(expected);
        translated.Message.Should().Contain("unix:///var/run/docker.sock");
        translated.Endpoint.Should().Be("unix:///var/run/docker.sock");
        translated.InnerException.Should().BeSameAs(exception);
        if (expected == DockerFailure.PermissionDenied)
        {
            translated.Fix.Should().Contain("docker' group");
        }
    }
}
