using KcmCompose.Compose;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class ComposeServiceDefinitionTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kcm-def-" + Guid.NewGuid().ToString("N")[..8], "My_KCM");
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);

    private async Task<ComposeServiceDefinition> LoadAsync(string yaml, Dictionary<string, string?>? environment = null, string? service = null, string? project = null)
    {
        var file = Path.Combine(_directory, "docker-compose.yml");
        await File.WriteAllTextAsync(file, yaml);
        return await ComposeServiceDefinition.LoadAsync(file, service, project, environment: environment ?? []);
    }

    [Test]
    public async Task LoadAsync_ShortSyntax_NormalisesEveryPartAndFindsTheProxy()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, ".env"), "HOST=kcm.example\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "proxy.env"), "FROM_ENV_FILE=yes\nSSL_HOSTNAME=overridden\n");

        var definition = await LoadAsync("""
            services:
              guacd:
                image: keeper/guacd:2
              ssl:
                image: keeper/guacamole-ssl-nginx:${TAG:-2}
                restart: on-failure:5
                env_file: proxy.env
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
            """, new Dictionary<string, string?> { ["PASSED"] = "from-shell" });

        definition.Target.Should().Be(new ServiceTarget("my_kcm", "ssl"));
        var desired = definition.Desired;
        desired.Image.Should().Be("keeper/guacamole-ssl-nginx:2");
        desired.Restart.Should().Be(ContainerRestartPolicy.OnFailure);
        desired.RestartMaximumRetries.Should().Be(5);
        desired.Environment.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["SSL_HOSTNAME"] = "kcm.example",
            ["FROM_ENV_FILE"] = "yes",
            ["PASSED"] = "from-shell",
        });
        desired.Mounts.Should().Equal(
            new DesiredMount(MountKind.Bind, Path.Combine(_directory, "ca.pem"), "/etc/kcm/ca.pem", true),
            new DesiredMount(MountKind.Volume, "certs", "/etc/letsencrypt", false));
        desired.Ports.Should().Equal(new DesiredPort("443", "tcp", "127.0.0.1", "443"), new DesiredPort("80", "udp", null, "8080"));
    }

    [Test]
    public async Task LoadAsync_LongSyntaxAndTopLevelName_NormalisesEveryPart()
    {
        var definition = await LoadAsync("""
            name: KCM-Prod
            services:
              proxy:
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

        definition.Target.Should().Be(new ServiceTarget("kcm-prod", "proxy"));
        definition.Desired.Restart.Should().Be(ContainerRestartPolicy.No);
        definition.Desired.Environment.Should().BeEquivalentTo(new Dictionary<string, string> { ["SSL_VERIFY_CLIENT"] = "on", ["SSL_VERIFY_DEPTH"] = "2", ["PRICE"] = "$5" });
        definition.Desired.Mounts.Should().Equal(new DesiredMount(MountKind.Bind, "/etc/kcm/ca.pem", "/ca.pem", true), new DesiredMount(MountKind.Tmpfs, null, "/run"));
        definition.Desired.Ports.Should().Equal(new DesiredPort("443", "tcp", "127.0.0.1", "8443"));
    }

    [Test]
    public async Task LoadAsync_ExplicitProjectAndEnvironment_WinOverTheFile()
    {
        const string yaml = "name: fromfile\nservices:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n";

        (await LoadAsync(yaml, new Dictionary<string, string?> { ["COMPOSE_PROJECT_NAME"] = "FromEnv" })).Target.Project.Should().Be("fromenv");
        (await LoadAsync(yaml, new Dictionary<string, string?> { ["COMPOSE_PROJECT_NAME"] = "FromEnv" }, project: "Given")).Target.Project.Should().Be("given");
    }

    [TestCase(null, "runs the proxy image keeper/guacamole-ssl-nginx")]
    [TestCase("web", "No service 'web'")]
    public async Task LoadAsync_NoMatchingService_NamesTheServices(string? service, string expected)
    {
        var act = () => LoadAsync("services:\n  guacd:\n    image: keeper/guacd:2\n  db:\n    image: keeper/guacamole-db-mysql:2\n", service: service);

        var error = (await act.Should().ThrowAsync<ComposeLoadException>()).Which;
        error.Message.Should().Contain(expected).And.Contain("guacd, db").And.Contain("--service");
        error.Location.Should().NotBeNull();
    }

    [Test]
    public async Task LoadAsync_RequiredVariableUnset_ThrowsWithLocation()
    {
        var act = () => LoadAsync("services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n    environment:\n      SSL_HOSTNAME: ${HOST:?set HOST}\n");

        var error = (await act.Should().ThrowAsync<ComposeLoadException>()).Which;
        error.Location!.Value.Line.Should().Be(5);
        error.Message.Should().Contain("HOST");
    }
}
