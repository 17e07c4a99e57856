using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// End to end: the proxy service of an emitted stack is run (image swapped for a local busybox image, command
/// <c>env</c>) by Compose v2 and v1, proving the container sees the literal nginx text, <c>$</c> included.
/// </summary>
[NonParallelizable]
public class KcmEnvironmentInContainerTests
{
    private const string Config = "if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\nset $kcm_dn \"${ssl_client_s_dn}\";\n";

    private readonly string _image = "kcm-compose-test/busybox-env:" + Guid.NewGuid().ToString("N")[..12];
    private string _folder = null!;
    private string _docker = null!;
    private bool _imageCreated;

    [OneTimeSetUp]
    public void CreateImage()
    {
        Requires.DockerDaemon();
        _docker = Requires.Program("docker");
        var busybox = Requires.FindProgram("busybox", "/bin", "/usr/bin") ?? "/bin/busybox";
        if (!File.Exists(busybox))
        {
            Requires.Missing("busybox (busybox-static) is needed to build a local test image.");
        }

        _folder = Path.Combine(Path.GetTempPath(), "kcm-env-" + Guid.NewGuid().ToString("N"));
        var rootfs = Directory.CreateDirectory(Path.Combine(_folder, "rootfs", "bin")).FullName;
        File.Copy(busybox, Path.Combine(rootfs, "busybox"));
        var tar = Path.Combine(_folder, "rootfs.tar");
        var packed = ProcessRunner.Run("tar", ["-C", Path.Combine(_folder, "rootfs"), "-cf", tar, "."]);
        packed.ExitCode.Should().Be(0, packed.ToString());
        var imported = ProcessRunner.Run(_docker, ["import", tar, _image], timeout: TimeSpan.FromMinutes(2));
        imported.ExitCode.Should().Be(0, imported.ToString());
        _imageCreated = true;
    }

    [OneTimeTearDown]
    public void RemoveImage()
    {
        if (_imageCreated)
        {
            ProcessRunner.Run(_docker, ["image", "rm", "-f", _image]);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [TestCase("v2")]
    [TestCase("v1")]
    public void Run_ProxyEnvironment_ReachesContainerLiterally(string compose)
    {
        var project = Directory.CreateDirectory(Path.Combine(_folder, "p" + compose + Guid.NewGuid().ToString("N")[..8])).FullName;
        var ca = Path.Combine(project, "ca.pem");
        File.WriteAllText(ca, "placeholder\n");
        var stack = KcmStackBuilder.Create("on")
            .WithClientCa(ca)
            .WithVerifyClient(VerifyClientMode.OptionalNoCa)
            .WithAdditionalNginxConfig(Config)
            .WithExtraEnvironment(KcmServiceRole.Proxy, "LOOKS_BOOLEAN", EnvironmentValue.Literal("Y"))
            .Build();
        stack = stack with { Proxy = stack.Proxy with { Image = _image } };
        var file = Path.Combine(project, "docker-compose.yml");
        File.WriteAllText(file, stack.ToYaml());
        KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(file), stack.RequiredVariables).GetAwaiter().GetResult();

        string program;
        string[] prefix;
        if (compose == "v2")
        {
            program = _docker;
            prefix = ["compose", "-f", file];
        }
        else
        {
            program = Requires.Program("docker-compose");
            prefix = ["-f", file];
        }

        try
        {
            var run = ProcessRunner.Run(program, [.. prefix, "run", "--rm", "--no-deps", "-T", "ssl", "/bin/busybox", "env"], project, timeout: TimeSpan.FromMinutes(3));

            run.ExitCode.Should().Be(0, run.ToString());
            run.StandardOutput.Should().Contain("ADDITIONAL_NGINX_CONFIG=" + Config.TrimEnd('\n'))
                .And.Contain("SSL_HOSTNAME=on\n")
                .And.Contain("SSL_VERIFY_CLIENT=optional_no_ca\n")
                .And.Contain("LOOKS_BOOLEAN=Y\n")
                .And.Contain("CLIENT_CERTIFICATE_FILE=/certs/client-ca.pem\n");
        }
        finally
        {
            ProcessRunner.Run(program, [.. prefix, "down", "--remove-orphans"], project, timeout: TimeSpan.FromMinutes(2));
        }
    }
}
