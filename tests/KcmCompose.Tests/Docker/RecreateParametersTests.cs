using System.Collections.Immutable;
using Docker.DotNet.Models;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class RecreateParametersTests
{
    private static ContainerInspectResponse Old(string networkMode) => new()
    {
        ID = "0123456789abcdef0123",
        Name = "/kcm_ssl_1",
        Config = new ContainerConfig
        {
            Image = "keeper/guacamole-ssl-nginx:2",
            Hostname = "0123456789ab",
            Cmd = ["nginx"],
            Entrypoint = ["/entrypoint.sh"],
            Labels = new Dictionary<string, string>
            {
                [ComposeLabels.Project] = "kcm",
                [ComposeLabels.Service] = "ssl",
                [ComposeLabels.ConfigHash] = "old-hash",
            },
            Healthcheck = new HealthcheckConfig { Test = ["CMD", "true"] },
        },
        HostConfig = new HostConfig { NetworkMode = networkMode, Binds = ["/old:/old:rw"], CapAdd = ["NET_ADMIN"] },
        NetworkSettings = new NetworkSettings
        {
            Networks = new Dictionary<string, EndpointSettings>
            {
                ["kcm_default"] = new() { Aliases = ["ssl", "0123456789ab"] },
                ["kcm_backend"] = new() { Aliases = ["proxy"] },
            },
        },
    };

    private static readonly ImageInspectResponse Image = new() { Config = new DockerOCIImageConfig { Cmd = ["nginx"], Entrypoint = ["/other"] } };

    private static readonly DesiredService Desired = new("keeper/guacamole-ssl-nginx:2")
    {
        Environment = ImmutableDictionary<string, string>.Empty.Add("B", "2").Add("A", "1"),
        Mounts = [new DesiredMount(MountKind.Bind, "/srv/ca.pem", "/etc/ca.pem", ReadOnly: true), new DesiredMount(MountKind.Volume, "certs", "/certs"), new DesiredMount(MountKind.Tmpfs, null, "/tmp")],
        Ports = [new DesiredPort("443", "tcp", "127.0.0.1", "8443")],
        Restart = ContainerRestartPolicy.OnFailure,
        RestartMaximumRetries = 3,
    };

    [Test]
    public void Build_UserNetwork_KeepsIdentityAndTakesTheFilesConfiguration()
    {
        var parameters = RecreateParameters.Build(Old("kcm_default"), Image, Desired, "kcm", "kcm_ssl_1", "new-hash");

        parameters.Name.Should().Be("kcm_ssl_1");
        parameters.Env.Should().Equal("A=1", "B=2");
        parameters.Labels.Should().Contain(ComposeLabels.Project, "kcm").And.Contain(ComposeLabels.Service, "ssl").And.Contain(ComposeLabels.ConfigHash, "new-hash");
        parameters.HostConfig!.Binds.Should().Equal("/srv/ca.pem:/etc/ca.pem:ro", "kcm_certs:/certs:rw");
        parameters.HostConfig.Tmpfs.Should().ContainKey("/tmp");
        parameters.HostConfig.CapAdd.Should().Equal("NET_ADMIN");
        parameters.HostConfig.PortBindings["443/tcp"].Should().ContainSingle().Which.HostPort.Should().Be("8443");
        parameters.ExposedPorts.Should().ContainKey("443/tcp");
        parameters.HostConfig.RestartPolicy.Name.Should().Be(RestartPolicyKind.OnFailure);
        parameters.HostConfig.RestartPolicy.MaximumRetryCount.Should().Be(3);
        parameters.Hostname.Should().BeNull("the old short id would name the wrong container");
        parameters.Cmd.Should().BeNull("the image's own command follows the image");
        parameters.Entrypoint.Should().Equal("/entrypoint.sh");
        parameters.Healthcheck!.Test.Should().Equal("CMD", "true");
        parameters.NetworkingConfig!.EndpointsConfig.Should().ContainSingle().Which.Key.Should().Be("kcm_default");
        parameters.NetworkingConfig!.EndpointsConfig["kcm_default"].Aliases.Should().Equal("ssl");
        RecreateParameters.ExtraNetworks(Old("kcm_default")).Should().ContainSingle().Which.Network.Should().Be("kcm_backend");
    }

    [Test]
    public void Build_HostNetwork_NoEndpointsAndNoHostname()
    {
        var parameters = RecreateParameters.Build(Old("host"), Image, Desired, "kcm", "kcm_ssl_1", configHash: null);

        parameters.NetworkingConfig.Should().BeNull();
        parameters.Hostname.Should().BeNull();
        parameters.Labels.Should().Contain(ComposeLabels.ConfigHash, "old-hash");
    }
}
