using KcmCompose.Compose;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class DesiredServiceReaderTests
{
    private static DesiredService Read(string yaml, Dictionary<string, string>? variables = null)
    {
        var document = ComposeDocument.Parse(yaml);
        var services = (ComposeMapping)document.Root["services"]!;
        return DesiredServiceReader.Read((ComposeMapping)services["ssl"]!, "ssl", "/srv/kcm", variables ?? new Dictionary<string, string>());
    }

    [Test]
    public void Read_ShortSyntax_NormalisesEveryPart()
    {
        var desired = Read("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:${TAG:-2}
                restart: on-failure:5
                environment:
                  - SSL_HOSTNAME=${HOST}
                  - PASSED
                  - UNSET_PASSED
                volumes:
                  - ./ca.pem:/etc/kcm/ca.pem:ro
                  - certs:/etc/letsencrypt
                  - /anonymous
                ports:
                  - "127.0.0.1:443:443"
                  - 8080:80/udp
                  - "9000"
            """, new Dictionary<string, string> { ["HOST"] = "kcm.example", ["PASSED"] = "from-shell" });

        desired.Image.Should().Be("keeper/guacamole-ssl-nginx:2");
        desired.Restart.Should().Be(ContainerRestartPolicy.OnFailure);
        desired.RestartMaximumRetries.Should().Be(5);
        desired.Environment.Should().BeEquivalentTo(new Dictionary<string, string> { ["SSL_HOSTNAME"] = "kcm.example", ["PASSED"] = "from-shell" });
        desired.Mounts.Should().Equal(
            new DesiredMount(MountKind.Bind, "/srv/kcm/ca.pem", "/etc/kcm/ca.pem", true),
            new DesiredMount(MountKind.Volume, "certs", "/etc/letsencrypt", false));
        desired.Ports.Should().Equal(
            new DesiredPort("443", "tcp", "127.0.0.1", "443"),
            new DesiredPort("80", "udp", null, "8080"),
            new DesiredPort("9000", "tcp", null, null));
    }

    [Test]
    public void Read_LongSyntax_NormalisesEveryPart()
    {
        var desired = Read("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  SSL_VERIFY_CLIENT: "on"
                  SSL_VERIFY_DEPTH: 2
                  PRICE: "$$5"
                volumes:
                  - type: bind
                    source: /etc/kcm/ca.pem
                    target: /ca.pem
                    read_only: true
                  - type: tmpfs
                    target: /run
                ports:
                  - target: 443
                    published: "8443"
                    host_ip: 127.0.0.1
            """);

        desired.Restart.Should().Be(ContainerRestartPolicy.No);
        desired.Environment.Should().BeEquivalentTo(new Dictionary<string, string> { ["SSL_VERIFY_CLIENT"] = "on", ["SSL_VERIFY_DEPTH"] = "2", ["PRICE"] = "$5" });
        desired.Mounts.Should().Equal(new DesiredMount(MountKind.Bind, "/etc/kcm/ca.pem", "/ca.pem", true), new DesiredMount(MountKind.Tmpfs, null, "/run"));
        desired.Ports.Should().Equal(new DesiredPort("443", "tcp", "127.0.0.1", "8443"));
    }
}
