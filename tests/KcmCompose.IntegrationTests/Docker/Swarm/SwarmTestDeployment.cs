using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker.Swarm;

/// <summary>
/// One stack of the stand-in proxy on the test swarm, in its own folder and with a unique name; removed on dispose
/// together with every config and secret carrying its namespace label.
/// </summary>
/// <remarks>
/// Two proxy tasks share one node and one port: they run on the host network and the stand-in's listen line takes
/// the port variable verbatim, so <c>PORT reuseport</c> gives nginx's <c>listen ... reuseport</c> and the kernel spreads
/// new connections over every task listening. That is what lets <c>order: start-first</c> start the new task while
/// the old one still serves on a single node (host-mode published ports would make the scheduler refuse the second
/// task, and the ingress mesh needs iptables, which this daemon does not run).
/// </remarks>
public sealed class SwarmTestDeployment : IDisposable
{
    public SwarmTestDeployment()
    {
        Name = "kcmsa" + Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory("kcm-swarm-apply-").FullName;
        Port = FreePort();
    }

    public string Name { get; }

    public string Directory { get; }

    public int Port { get; }

    public string FilePath => Path.Combine(Directory, "stack.yml");

    public string ServiceName => Name + "_ssl";

    /// <summary>
    /// Writes the stack file: the proxy with <paramref name="replicas"/> tasks, its client CA from <paramref name="caFile"/>
    /// as a config or a bind mount, on the host network, or with <paramref name="hostModePort"/> on the stack's own
    /// network with the port published in host mode.
    /// </summary>
    /// <remarks>With <paramref name="serverCertificate"/> and <paramref name="serverKey"/>, the proxy serves that pair: the certificate as a config, the key as a secret.</remarks>
    public void Write(
        string caFile, bool caAsConfig = true, int replicas = 2, string? additionalNginxConfig = null, bool hostModePort = false, string? serverCertificate = null, string? serverKey = null)
    {
        var noServer = serverCertificate is null || serverKey is null;
        var network = hostModePort
            ? string.Create(CultureInfo.InvariantCulture, $$"""
                  ports:
                    - { target: 8443, published: {{Port}}, protocol: tcp, mode: host }
              """)
            : """
                  networks: [hostnet]
              """;
        var listen = hostModePort ? "8443" : string.Create(CultureInfo.InvariantCulture, $"{Port} reuseport");
        var mount = caAsConfig
            ? """
                  configs:
                    - source: client-ca
                      target: /etc/kcm/client-ca.pem
              """
              + (noServer ? string.Empty : """

                    - source: server-cert
                      target: /etc/kcm/server.crt
                  secrets:
                    - source: server-key
                      target: server.key
                      mode: 0400
              """)
            : $"""
                  volumes:
                    - {caFile}:/etc/kcm/client-ca.pem:ro
              """;
        var additional = additionalNginxConfig is null ? string.Empty : $"      ADDITIONAL_NGINX_CONFIG: '{additionalNginxConfig.Replace("'", "''", StringComparison.Ordinal)}'\n";
        additional += noServer ? string.Empty : "      SSL_CERTIFICATE: /etc/kcm/server.crt\n      SSL_CERTIFICATE_KEY: /run/secrets/server.key\n";
        var configs = caAsConfig
            ? $"""
              configs:
                client-ca:
                  file: {caFile}
              """
            : string.Empty;
        configs += noServer ? string.Empty : $"""

              server-cert:
                file: {serverCertificate}
            secrets:
              server-key:
                file: {serverKey}
            """;
        File.WriteAllText(FilePath, string.Create(CultureInfo.InvariantCulture, $$"""
            services:
              guacamole:
                image: keeper/guacamole:2
                environment:
                  ACCEPT_EULA: "Y"
                deploy:
                  replicas: 0
              ssl:
                image: {{TestImages.Proxy}}
                environment:
                  ACCEPT_EULA: "Y"
                  SSL_HOSTNAME: localhost
                  SELF_SIGNED: "Y"
                  GUACAMOLE_HOSTNAME: guacamole
                  KCM_TEST_HTTPS_PORT: "{{listen}}"
                  CLIENT_CERTIFICATE_FILE: /etc/kcm/client-ca.pem
                  SSL_VERIFY_CLIENT: "on"
                  SSL_VERIFY_DEPTH: "1"
            {{additional}}{{mount}}
            {{network}}
                deploy:
                  replicas: {{replicas}}
                  update_config: { parallelism: 1, delay: 1s, order: start-first, failure_action: rollback, monitor: 3s }
                  rollback_config: { parallelism: 1, order: start-first, failure_action: pause, monitor: 3s }
                  restart_policy: { condition: on-failure, delay: 1s, max_attempts: 3 }
            networks:
              hostnet:
                external: true
                name: host
            {{configs}}
            """));
    }

    /// <summary><c>docker stack deploy</c>, then waits until every task runs.</summary>
    public void Deploy(int replicas = 2)
    {
        var deploy = Docker("stack", "deploy", "-c", FilePath, Name);
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        Poll.Until(() => RunningTasks().Count == replicas, TimeSpan.FromSeconds(60), $"{replicas} running tasks of {ServiceName}");
    }

    public IReadOnlyList<string> RunningTasks() =>
        Docker("service", "ps", ServiceName, "--filter", "desired-state=running", "--format", "{{.ID}} {{.CurrentState}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains(" Running", StringComparison.Ordinal))
            .ToList();

    /// <summary>The names of the configs the service spec uses now.</summary>
    public string ServiceConfigs() =>
        Docker("service", "inspect", ServiceName, "--format", "{{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{.ConfigName}} {{end}}").StandardOutput.Trim();

    /// <summary>The names of the secrets the service spec uses now.</summary>
    public string ServiceSecrets() =>
        Docker("service", "inspect", ServiceName, "--format", "{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{.SecretName}} {{end}}").StandardOutput.Trim();

    /// <summary>The names of every config carrying this stack's namespace label, sorted.</summary>
    public IReadOnlyList<string> StackConfigs() => StackObjects("config");

    /// <summary>The names of every secret carrying this stack's namespace label, sorted.</summary>
    public IReadOnlyList<string> StackSecrets() => StackObjects("secret");

    private List<string> StackObjects(string kind) =>
        Docker(kind, "ls", "--filter", "label=com.docker.stack.namespace=" + Name, "--format", "{{.Name}}").StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        Docker("stack", "rm", Name);
        Poll.Until(() => Docker("service", "inspect", ServiceName).ExitCode != 0, TimeSpan.FromSeconds(30), "the stack's service gone", fail: false);
        foreach (var config in StackConfigs())
        {
            Docker("config", "rm", config);
        }

        foreach (var secret in StackSecrets())
        {
            Docker("secret", "rm", secret);
        }

        // 'stack rm' removes the stack's network only once no task is attached; the host-mode variant has one.
        Poll.Until(
            () => Docker("network", "inspect", Name + "_default").ExitCode != 0 || Docker("network", "rm", Name + "_default").ExitCode == 0,
            TimeSpan.FromSeconds(30),
            "the stack's network gone",
            fail: false);

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static ProcessResult Docker(params string[] arguments) =>
        ProcessRunner.Run("docker", arguments, timeout: TimeSpan.FromMinutes(2));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Waiting for a condition by polling with a deadline.</summary>
internal static class Poll
{
    public static void Until(Func<bool> condition, TimeSpan limit, string what, bool fail = true)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                if (fail)
                {
                    Assert.Fail($"Timed out after {limit.TotalSeconds:0}s waiting for {what}.");
                }

                return;
            }

            using var pause = new ManualResetEventSlim();
            pause.Wait(TimeSpan.FromMilliseconds(200));
        }
    }
}
