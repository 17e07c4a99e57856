using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Kcm.Swarm;

/// <summary>
/// A single-node swarm on the test daemon, advertised on loopback. <see cref="Join"/> initialises it when the daemon is
/// not in a swarm yet; <see cref="Leave"/> leaves only a swarm this process initialised (another suite may share it).
/// </summary>
internal static class SwarmNode
{
    private static readonly Lock Gate = new();
    private static int _users;
    private static bool _initialised;

    public static string Docker => Requires.Program("docker");

    /// <summary>
    /// Writes the .env the stack file beside it reads its passwords from (as <c>init</c> and <c>emit -o</c> do) and returns
    /// the environment <c>docker stack deploy</c> then needs: the clean test environment plus the .env's variables, what
    /// <c>set -a; . ./.env; set +a</c> exports (stack deploy does not read .env itself, see docs/swarm.md).
    /// </summary>
    public static async Task<Dictionary<string, string?>> DeployEnvironmentAsync(string file, KcmCompose.Kcm.KcmStack stack)
    {
        var env = await KcmCompose.Kcm.KcmEnvFile.EnsureAsync(KcmCompose.Kcm.KcmEnvFile.PathFor(file), stack.RequiredVariables);
        var environment = ProcessRunner.CleanEnvironment();
        foreach (var (name, value) in KcmCompose.Compose.DotEnvParser.Parse(await File.ReadAllTextAsync(env.Path), env.Path, _ => null))
        {
            environment[name] = value;
        }

        return environment;
    }

    public static void Join()
    {
        Requires.DockerDaemon();
        lock (Gate)
        {
            _users++;
            if (State() == "active")
            {
                return;
            }

            var init = ProcessRunner.Run(Docker, ["swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377"], timeout: TimeSpan.FromSeconds(60));
            if (init.ExitCode != 0 && State() != "active")
            {
                Assert.Fail($"'docker swarm init --advertise-addr 127.0.0.1' failed:\n{init}");
            }

            _initialised = init.ExitCode == 0;
        }
    }

    public static void Leave()
    {
        lock (Gate)
        {
            if (--_users == 0 && _initialised)
            {
                ProcessRunner.Run(Docker, ["swarm", "leave", "--force"], timeout: TimeSpan.FromSeconds(60));
                _initialised = false;
            }
        }
    }

    /// <summary>Runs <c>docker stack rm</c> and waits (with a deadline) until the stack's services and network are gone.</summary>
    public static void RemoveStack(string stack)
    {
        ProcessRunner.Run(Docker, ["stack", "rm", stack], timeout: TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var left = ProcessRunner.Run(Docker, ["network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack]).StandardOutput.Trim()
                + ProcessRunner.Run(Docker, ["service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack]).StandardOutput.Trim();
            if (left.Length == 0)
            {
                return;
            }

            Task.Delay(250).GetAwaiter().GetResult();
        }
    }

    private static string State() =>
        ProcessRunner.Run(Docker, ["info", "--format", "{{.Swarm.LocalNodeState}}"], timeout: TimeSpan.FromSeconds(20)).StandardOutput.Trim();
}
