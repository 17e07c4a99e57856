using System.Security.Cryptography;
using System.Text;
using KcmCompose.Compose;
using KcmCompose.Docker;

namespace KcmCompose.Tests.Docker;

public class SwarmDesiredServiceTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateFolder() => _directory = Directory.CreateTempSubdirectory("kcm-swarm-desired-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Versioned_Content_IsPrefixDashFirstTwelveHexOfSha256()
    {
        var content = Encoding.ASCII.GetBytes("-----BEGIN CERTIFICATE-----\n");
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));

        SwarmObjectNames.Versioned("kcm_client-ca", content).Should().Be("kcm_client-ca-" + hex[..12]);
    }

    [TestCase("kcm", "client-ca", null, "kcm_client-ca")]
    [TestCase("kcm", "client-ca", "kcm-client-ca-0123456789ab", "kcm-client-ca")]
    [TestCase("kcm", "client-ca", "my-ca", "my-ca")]
    [TestCase("kcm", "client-ca", "my-ca-0123456789AB", "my-ca-0123456789AB")]
    public void Prefix_ExplicitNameOrNot_StripsOnlyAContentHash(string stack, string key, string? name, string prefix) =>
        SwarmObjectNames.Prefix(stack, key, name).Should().Be(prefix);

    [TestCase("kcm_client-ca", true)]
    [TestCase("kcm_client-ca-0123456789ab", true)]
    [TestCase("kcm_client-ca-0123456789a", false)]
    [TestCase("kcm_client-ca-0123456789abc", false)]
    [TestCase("kcm_client-ca2", false)]
    [TestCase("kcm_client-ca-key-0123456789ab", false)]
    [TestCase("other_client-ca-0123456789ab", false)]
    public void IsVersionOf_Names_OnlyThePrefixAndItsHashedVersions(string name, bool expected) =>
        SwarmObjectNames.IsVersionOf(name, "kcm_client-ca").Should().Be(expected);

    [TestCase("Secret", "server.key", "/run/secrets/server.key", true)]
    [TestCase("Secret", "/run/secrets/server.key", "/run/secrets/server.key", true)]
    [TestCase("Secret", "server.key", "/server.key", false)]
    [TestCase("Config", "client-ca", "/client-ca", true)]
    [TestCase("Config", "/etc/kcm/client-ca.pem", "/etc/kcm/client-ca.pem", true)]
    [TestCase("Config", "client-ca", "/run/secrets/client-ca", false)]
    public void Targets_RelativeSpecNames_ResolvedAsSwarmMountsThem(string kind, string specName, string target, bool expected) =>
        SwarmServiceUpdater.Targets(specName, new SwarmFile(Enum.Parse<SwarmFileKind>(kind), "key", target, [], "kcm_key")).Should().Be(expected);

    [Test]
    public async Task Read_ConfigsAndSecrets_ReadsContentTargetsModesAndSkipsExternal()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "ca.pem"), "ca v1\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "server.key"), "key\n");
        var definition = await LoadAsync("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  CLIENT_CERTIFICATE_FILE: /etc/kcm/client-ca.pem
                  SSL_VERIFY_CLIENT: "on"
                configs:
                  - source: client-ca
                    target: /etc/kcm/client-ca.pem
                    mode: 0440
                  - shared
                secrets:
                  - server-key
                  - source: server-key
                    target: key.pem
                    uid: "101"
            configs:
              client-ca:
                file: ./ca.pem
                name: kcm-client-ca-0123456789ab
              shared:
                external: true
            secrets:
              server-key:
                file: server.key
            """);

        var desired = SwarmDesiredService.Read(definition, "kcm");

        desired.SwarmName.Should().Be("kcm_ssl");
        desired.Environment.Should().Contain("CLIENT_CERTIFICATE_FILE", "/etc/kcm/client-ca.pem").And.Contain("SSL_VERIFY_CLIENT", "on");
        desired.Files.Select(f => (f.Kind, f.Key, f.Target, f.Prefix, f.Mode, f.Uid)).Should().Equal(
            (SwarmFileKind.Config, "client-ca", "/etc/kcm/client-ca.pem", "kcm-client-ca", 288u, "0"),
            (SwarmFileKind.Secret, "server-key", "/run/secrets/server-key", "kcm_server-key", 292u, "0"),
            (SwarmFileKind.Secret, "server-key", "/run/secrets/key.pem", "kcm_server-key", 292u, "101"));
        desired.Files[0].Content.Should().Equal(Encoding.UTF8.GetBytes("ca v1\n"));
        desired.Files[0].Name.Should().Be(SwarmObjectNames.Versioned("kcm-client-ca", Encoding.UTF8.GetBytes("ca v1\n")));
    }

    [Test]
    public async Task Read_NewContent_NewNameSamePrefix()
    {
        var ca = Path.Combine(_directory, "ca.pem");
        const string Yaml = """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                configs: [{ source: client-ca, target: /etc/kcm/client-ca.pem }]
            configs:
              client-ca:
                file: ./ca.pem
            """;
        await File.WriteAllTextAsync(ca, "ca v1\n");
        var first = SwarmDesiredService.Read(await LoadAsync(Yaml), "kcm").Files.Single();
        await File.WriteAllTextAsync(ca, "ca v2\n");
        var second = SwarmDesiredService.Read(await LoadAsync(Yaml), "kcm").Files.Single();

        second.Prefix.Should().Be(first.Prefix).And.Be("kcm_client-ca");
        second.Name.Should().NotBe(first.Name);
        SwarmObjectNames.IsVersionOf(first.Name, second.Prefix).Should().BeTrue();
    }

    [Test]
    public async Task Read_UndeclaredConfig_RefusedNamingTheEntry()
    {
        var definition = await LoadAsync("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                configs: [client-ca]
            """);

        var read = () => SwarmDesiredService.Read(definition, "kcm");

        read.Should().Throw<ComposeLoadException>().WithMessage("*client-ca*not declared*configs:*");
    }

    [Test]
    public async Task Read_MissingFile_RefusedNamingThePath()
    {
        var definition = await LoadAsync("""
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                configs: [client-ca]
            configs:
              client-ca:
                file: ./absent.pem
            """);

        var read = () => SwarmDesiredService.Read(definition, "kcm");

        read.Should().Throw<ComposeLoadException>().WithMessage("*absent.pem*");
    }

    private async Task<ComposeServiceDefinition> LoadAsync(string yaml)
    {
        var file = Path.Combine(_directory, "stack.yml");
        await File.WriteAllTextAsync(file, yaml);
        return await ComposeServiceDefinition.LoadAsync(file, environment: new Dictionary<string, string?>());
    }
}
