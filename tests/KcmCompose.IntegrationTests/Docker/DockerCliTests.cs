using System.Net.Sockets;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary><c>kcm-compose apply</c> and <c>restart</c> run as a real process against dockerd and docker-compose.</summary>
[NonParallelizable]
public class DockerCliTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");

    private static ProcessResult Cli(ComposeTestProject project, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        ProcessRunner.Run("dotnet", [CliDll, .. arguments, project.FilePath], workingDirectory: project.Directory, environment: environment, timeout: TimeSpan.FromMinutes(2));

    private static ProcessResult Cli(ComposeTestProject project, params string[] arguments) => Cli(project, null, arguments);

    [Test]
    public void Apply_EnvironmentChanged_RecreatesAndComposeStillOwnsIt()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var oldId = project.ContainerId();
        project.Environment["KCM_TEST_MARKER"] = "from-apply";
        project.WriteFile();

        var result = Cli(project, "apply");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("environment KCM_TEST_MARKER: v1 -> from-apply").And.Contain("Action: recreate");
        var newId = project.ContainerId();
        newId.Should().NotBeEmpty().And.NotBe(oldId, "docker-compose ps lists the new container under the project");
        ComposeTestProject.Inspect(newId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("KCM_TEST_MARKER=from-apply");
        ComposeTestProject.Inspect(newId, "{{index .Config.Labels \"com.docker.compose.project\"}}/{{index .Config.Labels \"com.docker.compose.service\"}} {{.HostConfig.RestartPolicy.Name}}")
            .Should().Be($"{project.Name}/ssl unless-stopped");

        // The config-hash label was set from docker-compose itself, so 'up -d' sees the container as up to date.
        var up = project.RunCompose("up", "-d");
        up.ExitCode.Should().Be(0, up.ToString());
        project.ContainerId().Should().Be(newId, up.ToString());
        var again = Cli(project, "apply");
        again.ExitCode.Should().Be(0);
        again.StandardOutput.Should().Contain("Action: none");
    }

    [Test]
    public void Apply_DryRun_ShowsDifferenceAndActionWithoutChanging()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        project.Environment["SSL_VERIFY_DEPTH"] = "3";
        project.WriteFile();

        var result = Cli(project, "apply", "--dry-run");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("environment SSL_VERIFY_DEPTH: 2 -> 3").And.Contain("Action: recreate").And.Contain("Would recreate");
        project.ContainerId().Should().Be(id);
        ComposeTestProject.Inspect(id, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_DEPTH=2");
    }

    [Test]
    public void Apply_InvalidSettingWithSkipValidation_NewContainerExitsAtOnceAndIsRolledBack()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var oldId = project.ContainerId();
        project.Environment["SSL_VERIFY_CLIENT"] = "bogus";
        project.WriteFile();

        var result = Cli(project, "apply", "--timeout", "30s", "--skip-validation");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("old container runs again").And.Contain("invalid value \"bogus\"");
        project.ContainerId().Should().Be(oldId);
        ComposeTestProject.Inspect(oldId, "{{.State.Running}}").Should().Be("true");
        ComposeTestProject.Inspect(oldId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_CLIENT=optional");
    }

    [Test]
    public void Apply_InvalidVerifyClient_RefusedWithTheCodeBeforeTouchingTheContainer()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var oldId = project.ContainerId();
        var started = ComposeTestProject.Inspect(oldId, "{{.State.StartedAt}}");
        project.Environment["SSL_VERIFY_CLIENT"] = "bogus";
        project.WriteFile();

        var result = Cli(project, "apply", "--timeout", "30s");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain("error verify-client-invalid");
        result.StandardError.Should().Contain("refused").And.Contain("--skip-validation");
        project.ContainerId().Should().Be(oldId);
        ComposeTestProject.Inspect(oldId, "{{.State.StartedAt}}").Should().Be(started, "the container was not touched");
        ComposeTestProject.Inspect(oldId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_CLIENT=optional");
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Apply_CaMountSourceMissing_RefusedBeforeAnyContainerIsTouchedAndNoDirectoryAppears(bool skipValidation)
    {
        using var project = new ComposeTestProject();
        project.Up();
        var oldId = project.ContainerId();
        var started = ComposeTestProject.Inspect(oldId, "{{.State.StartedAt}}");
        File.WriteAllText(project.FilePath, File.ReadAllText(project.FilePath).Replace("./client-ca.pem:", "./rotated-ca.pem:", StringComparison.Ordinal));
        var missing = Path.Combine(project.Directory, "rotated-ca.pem");

        var result = skipValidation ? Cli(project, "apply", "--skip-validation") : Cli(project, "apply");

        result.ExitCode.Should().Be(1, result.ToString());
        result.StandardOutput.Should().Contain(skipValidation ? "bind-source-missing" : "error ca-file-missing");
        Path.Exists(missing).Should().BeFalse("Docker must not get the chance to create a directory in place of the CA file");
        project.ContainerId().Should().Be(oldId);
        ComposeTestProject.Inspect(oldId, "{{.State.StartedAt}}").Should().Be(started);
    }

    [Test]
    public void Restart_ChangesStartTimeAndKeepsConfiguration()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        var before = ComposeTestProject.Inspect(id, "{{.State.StartedAt}}");
        var config = ComposeTestProject.Inspect(id, "{{json .Config}} {{json .HostConfig}}");

        var result = Cli(project, "restart");

        result.ExitCode.Should().Be(0, result.ToString());
        project.ContainerId().Should().Be(id);
        ComposeTestProject.Inspect(id, "{{.State.StartedAt}}").Should().NotBe(before);
        ComposeTestProject.Inspect(id, "{{json .Config}} {{json .HostConfig}}").Should().Be(config);
    }

    [Test]
    public void RestartReload_KeepsProcessAndStartTime()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        var before = ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}");

        var result = Cli(project, "restart", "--reload");

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("Reloaded");
        ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}").Should().Be(before);
    }

    [Test]
    public void Restart_MissingService_ExitsTwoNamingTheProjectsContainers()
    {
        using var project = new ComposeTestProject();
        project.Up();
        File.AppendAllText(project.FilePath, "  web:\n    image: keeper/guacd:2\n    network_mode: host\n    environment:\n      ACCEPT_EULA: \"Y\"\n");

        var result = Cli(project, "restart", "--service", "web");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("No container for service 'web'").And.Contain($"'{project.Name}'").And.Contain("ssl (");
    }

    [Test]
    public void Restart_WrongDockerHost_ExitsTwoNamingTheEndpoint()
    {
        using var project = new ComposeTestProject();
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var result = Cli(project, new Dictionary<string, string?> { ["DOCKER_HOST"] = $"tcp://127.0.0.1:{port}" }, "restart");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain($"tcp://127.0.0.1:{port}").And.Contain("Cannot connect to the Docker daemon");
        result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("errors are one line, no stack trace");
    }

    [Test]
    public void Restart_StoppedDaemon_ExitsTwoSayingItIsNotRunning()
    {
        using var project = new ComposeTestProject();
        // A stopped dockerd can leave its socket file behind with nobody listening: bound, never listened on.
        var socketPath = Path.Combine(project.Directory, "docker.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var result = Cli(project, new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{socketPath}" }, "restart");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain(socketPath).And.Contain("Is the daemon running?");
    }

    [Test]
    public void Restart_NoSocketAtDockerHost_ExitsTwoSayingWhichPath()
    {
        using var project = new ComposeTestProject();
        var missing = Path.Combine(project.Directory, "missing", "docker.sock");

        var result = Cli(project, new Dictionary<string, string?> { ["DOCKER_HOST"] = $"unix://{missing}" }, "restart");

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain($"no socket at {missing}").And.Contain("DOCKER_HOST");
    }

    [Test]
    public void Restart_UserNotAllowedOnTheSocket_ExitsTwoSayingPermissionDenied()
    {
        using var project = new ComposeTestProject();
        if (Environment.UserName != "root")
        {
            Requires.Missing("root, to run the CLI as 'nobody' (setpriv); as a docker-group user the socket is allowed.");
        }

        var setpriv = Requires.Program("setpriv");
        var environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = null, ["HOME"] = Path.GetTempPath(), ["DOCKER_CLI_HOME"] = Path.GetTempPath(), ["DOTNET_CLI_HOME"] = Path.GetTempPath() };

        var result = ProcessRunner.Run(
            setpriv,
            ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", CliDll, "restart", project.FilePath],
            workingDirectory: project.Directory,
            environment: environment,
            timeout: TimeSpan.FromMinutes(1));

        result.ExitCode.Should().Be(2, result.ToString());
        result.StandardError.Should().Contain("Permission denied").And.Contain("unix:///var/run/docker.sock").And.Contain("'docker' group");
    }
}
