using System.Collections.Immutable;
using Docker.DotNet.Models;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class ContainerComparisonTests
{
    private static readonly string[] ImageEnv = ["PATH=/bin:/usr/sbin"];

    private static DesiredService Desired => new("keeper/guacamole-ssl-nginx:2")
    {
        Environment = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["SSL_HOSTNAME"] = "kcm.example",
            ["CLIENT_CERTIFICATE_FILE"] = "/etc/kcm/ca.pem",
        }),
        Mounts = [new DesiredMount(MountKind.Bind, "/srv/kcm/ca.pem", "/etc/kcm/ca.pem", ReadOnly: true), new DesiredMount(MountKind.Volume, "certs", "/etc/letsencrypt")],
        Ports = [new DesiredPort("443", "tcp", null, "443")],
        Restart = ContainerRestartPolicy.UnlessStopped,
    };

    private static ContainerInspectResponse Container() => new()
    {
        ID = "0123456789abcdef",
        Config = new ContainerConfig
        {
            Image = "keeper/guacamole-ssl-nginx:2",
            Env = ["PATH=/bin:/usr/sbin", "SSL_HOSTNAME=kcm.example", "CLIENT_CERTIFICATE_FILE=/etc/kcm/ca.pem"],
        },
        Mounts =
        [
            new MountPoint { Type = "bind", Source = "/srv/kcm/ca.pem", Destination = "/etc/kcm/ca.pem", RW = false },
            new MountPoint { Type = "volume", Name = "kcm_certs", Source = "/var/lib/docker/volumes/kcm_certs/_data", Destination = "/etc/letsencrypt", RW = true },
        ],
        HostConfig = new HostConfig
        {
            PortBindings = new Dictionary<string, IList<PortBinding>> { ["443/tcp"] = [new PortBinding { HostIP = "", HostPort = "443" }] },
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
        },
        State = new State { Running = true },
    };

    [Test]
    public void Compare_SameConfiguration_FindsNothing() =>
        ContainerComparison.Compare(Container(), ImageEnv, Desired, "kcm").Should().BeEmpty();

    [Test]
    public void Compare_EverythingChanged_ReportsEachAspect()
    {
        var desired = Desired with
        {
            Image = "keeper/guacamole-ssl-nginx:3",
            Environment = Desired.Environment.SetItem("SSL_HOSTNAME", "new.example").Add("SSL_VERIFY_CLIENT", "on"),
            Mounts = [new DesiredMount(MountKind.Bind, "/srv/kcm/ca-2.pem", "/etc/kcm/ca.pem", ReadOnly: true), new DesiredMount(MountKind.Volume, "certs", "/etc/letsencrypt")],
            Ports = [new DesiredPort("443", "tcp", "127.0.0.1", "8443")],
            Restart = ContainerRestartPolicy.Always,
        };

        var differences = ContainerComparison.Compare(Container(), ImageEnv, desired, "kcm");

        differences.Should().BeEquivalentTo(new[]
        {
            new ConfigurationDifference(ConfigurationAspect.Image, "image", "keeper/guacamole-ssl-nginx:3", "keeper/guacamole-ssl-nginx:2"),
            new ConfigurationDifference(ConfigurationAspect.Environment, "SSL_HOSTNAME", "new.example", "kcm.example"),
            new ConfigurationDifference(ConfigurationAspect.Environment, "SSL_VERIFY_CLIENT", "on", null),
            new ConfigurationDifference(ConfigurationAspect.Mount, "/etc/kcm/ca.pem", "bind /srv/kcm/ca-2.pem:ro", "bind /srv/kcm/ca.pem:ro"),
            new ConfigurationDifference(ConfigurationAspect.Port, "127.0.0.1:8443->443/tcp", "127.0.0.1:8443->443/tcp", null),
            new ConfigurationDifference(ConfigurationAspect.Port, ":443->443/tcp", null, ":443->443/tcp"),
            new ConfigurationDifference(ConfigurationAspect.RestartPolicy, "restart", "always", "unless-stopped"),
        });
        ContainerComparison.Decide(differences, running: true).Should().Be(ApplyAction.Recreate);
    }

    [Test]
    public void Compare_VariableRemovedFromFile_IsADifferenceButImageDefaultsAreNot()
    {
        var desired = Desired with { Environment = Desired.Environment.Remove("CLIENT_CERTIFICATE_FILE") };

        var differences = ContainerComparison.Compare(Container(), ImageEnv, desired, "kcm");

        differences.Should().ContainSingle().Which.Should().Be(
            new ConfigurationDifference(ConfigurationAspect.Environment, "CLIENT_CERTIFICATE_FILE", null, "/etc/kcm/ca.pem"));
    }

    [TestCase("keeper/guacamole-ssl-nginx", "docker.io/keeper/guacamole-ssl-nginx:latest")]
    [TestCase("registry:5000/kcm/nginx", "registry:5000/kcm/nginx:latest")]
    public void Compare_ImageSpelledDifferently_IsTheSame(string inFile, string inContainer)
    {
        var container = Container();
        container.Config!.Image = inContainer;

        ContainerComparison.Compare(container, ImageEnv, Desired with { Image = inFile }, "kcm")
            .Should().NotContain(d => d.Aspect == ConfigurationAspect.Image);
    }

    [TestCase(new string[0], true, ApplyAction.None)]
    [TestCase(new[] { ContainerComparison.ChangedSinceStart }, true, ApplyAction.Reload)]
    [TestCase(new[] { ContainerComparison.ChangedSinceStart }, false, ApplyAction.Restart)]
    [TestCase(new[] { ContainerComparison.ChangedSinceStart, ContainerComparison.StaleContent }, true, ApplyAction.Restart)]
    [TestCase(new[] { ContainerComparison.UnknownContent }, true, ApplyAction.Restart)]
    [TestCase(new string[0], false, ApplyAction.Restart)]
    public void Decide_FileContentChanges_ReloadOnlyWhenTheContainerSeesThem(string[] fileStates, bool running, ApplyAction expected)
    {
        var differences = fileStates.Select(s => new ConfigurationDifference(ConfigurationAspect.MountedFileContent, "/etc/kcm/ca.pem", "/srv/ca.pem", s)).ToList();

        ContainerComparison.Decide(differences, running).Should().Be(expected);
    }
}
