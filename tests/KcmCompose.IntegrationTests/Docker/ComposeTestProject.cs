using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Kcm;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>
/// A throw-away Compose project shaped like the KCM stack (services ssl, guacd, guacamole, db) on host networking,
/// the proxy listening on 127.0.0.1 at a free port; <c>docker-compose down -v</c> on dispose.
/// </summary>
public sealed class ComposeTestProject : IDisposable
{
    private readonly bool _fullStack;

    public ComposeTestProject(bool fullStack = false, bool healthcheck = false)
    {
        Requires.DockerDaemon();
        Compose = Requires.Program("docker-compose");
        TestImages.EnsureBuilt();
        _fullStack = fullStack;
        Healthcheck = healthcheck;
        Name = "kcmdt" + Guid.NewGuid().ToString("N")[..10];
        Directory = Path.Combine(Path.GetTempPath(), Name);
        System.IO.Directory.CreateDirectory(Directory);
        Port = FreePort();
        CaFile = Path.Combine(Directory, "client-ca.pem");
        WriteCa(CaFile);
        Environment = new Dictionary<string, string>
        {
            ["ACCEPT_EULA"] = "Y",
            ["SSL_HOSTNAME"] = "kcm.test",
            ["GUACAMOLE_HOSTNAME"] = "127.0.0.1",
            ["SELF_SIGNED"] = "Y",
            ["KCM_TEST_HTTPS_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CLIENT_CERTIFICATE_FILE"] = "/etc/kcm/client-ca.pem",
            ["SSL_VERIFY_CLIENT"] = "optional",
            ["SSL_VERIFY_DEPTH"] = "2",
            ["KCM_TEST_MARKER"] = "v1",
        };
        WriteFile();
    }

    public string Compose { get; }

    public string Name { get; }

    public string Directory { get; }

    public int Port { get; }

    public string CaFile { get; }

    public bool Healthcheck { get; }

    public Dictionary<string, string> Environment { get; }

    public string FilePath => Path.Combine(Directory, "docker-compose.yml");

    public ServiceTarget Proxy => new(Name, "ssl");

    /// <summary>The proxy's configuration as the file states it.</summary>
    internal DesiredService Desired => new(TestImages.Proxy)
    {
        Environment = Environment.ToImmutableDictionary(StringComparer.Ordinal),
        Mounts = [new DesiredMount(MountKind.Bind, CaFile, "/etc/kcm/client-ca.pem", ReadOnly: true)],
        Restart = ContainerRestartPolicy.UnlessStopped,
    };

    /// <summary>
    /// Writes the stack kcm-compose emits (KcmStackBuilder, client CA, verify mode and depth, extra nginx config),
    /// adapted for tests: every service on host networking, no published ports, the proxy on a loopback port.
    /// </summary>
    public void WriteEmittedStack()
    {
        var stack = KcmStackBuilder.Create("kcm.test")
            .WithTls(TlsMode.SelfSigned)
            .WithClientCa("./client-ca.pem", "/etc/kcm/client-ca.pem")
            .WithVerifyClient(VerifyClientMode.Optional)
            .WithVerifyDepth(2)
            .WithAdditionalNginxConfig("add_header X-Kcm-Test emitted;")
            .WithExtraEnvironment(KcmServiceRole.Proxy, "KCM_TEST_HTTPS_PORT", EnvironmentValue.Literal(Port.ToString(CultureInfo.InvariantCulture)))
            .Build();
        var document = stack.ToComposeDocument();
        var services = (ComposeMapping)document.Root["services"]!;
        foreach (var entry in services.Entries)
        {
            var service = ((ComposeMapping)entry.Value).Remove("ports").Set("network_mode", new ComposeScalar("host"));
            services = services.Set(entry.Key.Value, service);
        }

        File.WriteAllText(FilePath, ComposeEmitter.Emit(document with { Root = document.Root.Set("services", services) }));
        KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(FilePath), stack.RequiredVariables).GetAwaiter().GetResult();
    }

    public void WriteRaw(string yaml) => File.WriteAllText(FilePath, yaml);

    public void WriteFile()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("# Mirrors the KCM stack kcm-compose emits, adapted for tests: host networking, no published ports.");
        yaml.AppendLine("services:");
        yaml.AppendLine("  ssl:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    image: {TestImages.Proxy}");
        yaml.AppendLine("    network_mode: host");
        yaml.AppendLine("    restart: unless-stopped");
        yaml.AppendLine("    environment:");
        foreach (var (key, value) in Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      {key}: {JsonSerializer.Serialize(value)}");
        }

        yaml.AppendLine("    volumes:");
        yaml.AppendLine("      - ./client-ca.pem:/etc/kcm/client-ca.pem:ro");
        if (Healthcheck)
        {
            yaml.AppendLine("    healthcheck:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"      test: [\"CMD\", \"/bin/sh\", \"-c\", \"nc -w 1 127.0.0.1 {Port} </dev/null\"]");
            yaml.AppendLine("      interval: 1s");
            yaml.AppendLine("      timeout: 2s");
            yaml.AppendLine("      retries: 3");
        }

        if (_fullStack)
        {
            foreach (var (service, image) in new[] { ("guacd", "keeper/guacd:2"), ("guacamole", "keeper/guacamole:2"), ("db", "keeper/guacamole-db-mysql:2") })
            {
                yaml.AppendLine(CultureInfo.InvariantCulture, $"  {service}:");
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    image: {image}");
                yaml.AppendLine("    network_mode: host");
                yaml.AppendLine("    restart: unless-stopped");
                yaml.AppendLine("    environment:");
                yaml.AppendLine("      ACCEPT_EULA: \"Y\"");
            }
        }

        File.WriteAllText(FilePath, yaml.ToString());
    }

    public ProcessResult RunCompose(params string[] arguments) =>
        ProcessRunner.Run(Compose, ["-p", Name, "-f", FilePath, .. arguments], workingDirectory: Directory, timeout: TimeSpan.FromMinutes(2));

    public void Up()
    {
        var result = RunCompose("up", "-d");
        if (result.ExitCode != 0)
        {
            Assert.Fail($"docker-compose up failed:\n{result}");
        }
    }

    public string ContainerId(string service = "ssl") => RunCompose("ps", "-q", service).StandardOutput.Trim();

    /// <summary>One field of <c>docker inspect</c> as an independent judge.</summary>
    public static string Inspect(string container, string format)
    {
        var result = ProcessRunner.Run("docker", ["inspect", "--format", format, container]);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : throw new InvalidOperationException(result.ToString());
    }

    /// <summary>One field of <c>docker version</c>.</summary>
    public static string InspectDaemon(string format) =>
        ProcessRunner.Run("docker", ["version", "--format", format]).StandardOutput.Trim();

    /// <summary>The proxy answers over TLS on its loopback port.</summary>
    public static string Get(int port) =>
        ProcessRunner.Run("curl", ["-sk", "--max-time", "5", $"https://127.0.0.1:{port}/"]).StandardOutput;

    public void Dispose()
    {
        try
        {
            RunCompose("down", "-v", "--remove-orphans", "-t", "1");
            var leftovers = ProcessRunner.Run("docker", ["ps", "-aq", "--filter", $"label=com.docker.compose.project={Name}"]).StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (leftovers.Length > 0)
            {
                ProcessRunner.Run("docker", ["rm", "-f", .. leftovers]);
            }
        }
        finally
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WriteCa(string path)
    {
        var openssl = Requires.Program("openssl");
        var key = path + ".key";
        var result = ProcessRunner.Run(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=KCM Test Client CA", "-keyout", key, "-out", path]);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"openssl failed:\n{result}");
        }

        File.Delete(key);
    }
}
