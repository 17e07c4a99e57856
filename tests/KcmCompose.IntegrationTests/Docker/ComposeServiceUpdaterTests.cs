using KcmCompose.Docker;

namespace KcmCompose.IntegrationTests.Docker;

[NonParallelizable]
public class ComposeServiceUpdaterTests
{
    private static async Task<DockerConnection> ConnectAsync() => await DockerConnection.ConnectAsync(DockerEndpoint.Default);

    [Test]
    public async Task ConnectAsync_DebianDaemon_NegotiatesVersionInsideDaemonRange()
    {
        using var project = new ComposeTestProject();
        using var connection = await ConnectAsync();
        var daemonMax = Version.Parse(ComposeTestProject.InspectDaemon("{{.Server.APIVersion}}"));
        var daemonMin = Version.Parse(ComposeTestProject.InspectDaemon("{{.Server.MinAPIVersion}}"));
        connection.ApiVersion.Should().BeLessThanOrEqualTo(daemonMax).And.BeGreaterThanOrEqualTo(daemonMin);
        connection.ApiVersion.Should().BeLessThanOrEqualTo(DockerConnection.MaximumApiVersion);
    }

    [Test]
    public async Task FindAsync_StackUpWithDockerCompose_FindsEveryServiceByLabels()
    {
        using var project = new ComposeTestProject(fullStack: true);
        project.Up();
        // What 'docker compose run' labels its container with (v1's own 'run' adds links, which host networking refuses).
        var oneOff = Infrastructure.ProcessRunner.Run("docker", ["run", "-d", "--network", "host", "--name", project.Name + "_guacd_run_1",
            "--label", $"com.docker.compose.project={project.Name}", "--label", "com.docker.compose.service=guacd", "--label", "com.docker.compose.oneoff=True", "keeper/guacd:2"]);
        oneOff.ExitCode.Should().Be(0, oneOff.ToString());
        using var connection = await ConnectAsync();

        var all = await ComposeContainers.ListAsync(connection, project.Name);
        var proxy = await ComposeContainers.FindAsync(connection, project.Proxy);

        all.Select(c => c.Service).Should().BeEquivalentTo(new[] { "db", "guacamole", "guacd", "ssl" }, "the one-off 'run' container is not one of the service's");
        all.Should().OnlyContain(c => c.Project == project.Name && c.IsRunning);
        proxy.Id.Should().Be(project.ContainerId("ssl"));
        proxy.Image.Should().Be(TestImages.Proxy);
    }

    [Test]
    public async Task ApplyAsync_EmittedKcmStackUpWithDockerCompose_FindsServicesAndMatchesTheFile()
    {
        using var project = new ComposeTestProject();
        project.WriteEmittedStack();
        project.Up();
        using var connection = await ConnectAsync();

        var all = await ComposeContainers.ListAsync(connection, project.Name);
        var result = await ServiceDeployment.ApplyAsync(new ServiceDeploymentRequest(project.FilePath) { Endpoint = DockerEndpoint.Default });

        all.Select(c => c.Service).Should().BeEquivalentTo("db", "guacamole", "guacd", "ssl");
        all.Should().OnlyContain(c => c.IsRunning);
        result.Target.Should().Be(project.Proxy, "the proxy is found by its image and the project by the folder name");
        result.Outcome.Should().Be(UpdateOutcome.Unchanged, string.Join("; ", result.Differences));
        result.ContainerId.Should().Be(project.ContainerId("ssl"));
        ComposeTestProject.Inspect(result.ContainerId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_CLIENT=optional");
    }

    [Test]
    public async Task FindAsync_MissingService_SaysWhichContainersTheProjectHas()
    {
        using var project = new ComposeTestProject();
        project.Up();
        using var connection = await ConnectAsync();

        var act = () => ComposeContainers.FindAsync(connection, new ServiceTarget(project.Name, "nginx"));

        var error = (await act.Should().ThrowAsync<DockerException>()).Which;
        error.Failure.Should().Be(DockerFailure.ServiceNotFound);
        error.Message.Should().Contain("'nginx'").And.Contain(project.Name).And.Contain("ssl (");
        error.Fix.Should().Contain("--service");
    }

    [Test]
    public async Task PlanAsync_FileMatchesContainer_ActionIsNone()
    {
        using var project = new ComposeTestProject();
        project.Up();
        using var connection = await ConnectAsync();

        var plan = await new ComposeServiceUpdater(connection).PlanAsync(project.Proxy, project.Desired);

        plan.Differences.Should().BeEmpty();
        plan.Action.Should().Be(ApplyAction.None);
    }

    [Test]
    public async Task RestartAsync_RunningProxy_ChangesStartTimeAndKeepsConfiguration()
    {
        using var project = new ComposeTestProject(healthcheck: true);
        project.Up();
        var id = project.ContainerId();
        var startedBefore = ComposeTestProject.Inspect(id, "{{.State.StartedAt}}");
        var configBefore = ComposeTestProject.Inspect(id, "{{json .Config.Env}} {{json .HostConfig.RestartPolicy}} {{json .Mounts}}");
        using var connection = await ConnectAsync();

        var result = await new ComposeServiceUpdater(connection).RestartAsync(project.Proxy);

        result.Outcome.Should().Be(UpdateOutcome.Restarted, result.Message);
        result.ContainerId.Should().Be(id);
        ComposeTestProject.Inspect(id, "{{.State.StartedAt}}").Should().NotBe(startedBefore);
        ComposeTestProject.Inspect(id, "{{.State.Health.Status}}").Should().Be("healthy");
        ComposeTestProject.Inspect(id, "{{json .Config.Env}} {{json .HostConfig.RestartPolicy}} {{json .Mounts}}").Should().Be(configBefore);
        ComposeTestProject.Get(project.Port).Should().Contain("kcm-test-proxy");
    }

    [Test]
    public async Task ReloadAsync_RunningProxy_KeepsProcessAndStartTime()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        var before = ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}");
        using var connection = await ConnectAsync();

        var result = await new ComposeServiceUpdater(connection).ReloadAsync(project.Proxy);

        result.Outcome.Should().Be(UpdateOutcome.Reloaded, result.Message);
        ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}").Should().Be(before);
        var logs = Infrastructure.ProcessRunner.Run("docker", ["logs", id]);
        (logs.StandardOutput + logs.StandardError).Should().Contain("SIGHUP");
    }

    [Test]
    public async Task ApplyAsync_EnvironmentChanged_RecreatesKeepingComposeIdentity()
    {
        using var project = new ComposeTestProject(healthcheck: true);
        project.Up();
        var oldId = project.ContainerId();
        var labelsBefore = ComposeTestProject.Inspect(oldId, "{{index .Config.Labels \"com.docker.compose.project\"}} {{index .Config.Labels \"com.docker.compose.service\"}} {{index .Config.Labels \"com.docker.compose.container-number\"}}");
        project.Environment["KCM_TEST_MARKER"] = "v2";
        project.WriteFile();
        using var connection = await ConnectAsync();
        var updater = new ComposeServiceUpdater(connection);

        var plan = await updater.PlanAsync(project.Proxy, project.Desired);
        var result = await updater.ApplyAsync(project.Proxy, project.Desired);

        plan.Action.Should().Be(ApplyAction.Recreate);
        plan.Differences.Should().ContainSingle().Which.Should().Be(new ConfigurationDifference(ConfigurationAspect.Environment, "KCM_TEST_MARKER", "v2", "v1"));
        result.Outcome.Should().Be(UpdateOutcome.Recreated, result.Message);
        var newId = result.ContainerId;
        newId.Should().NotBe(oldId);
        ComposeTestProject.Inspect(newId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("KCM_TEST_MARKER=v2");
        ComposeTestProject.Inspect(newId, "{{.Name}}").Should().Be($"/{project.Name}_ssl_1");
        ComposeTestProject.Inspect(newId, "{{index .Config.Labels \"com.docker.compose.project\"}} {{index .Config.Labels \"com.docker.compose.service\"}} {{index .Config.Labels \"com.docker.compose.container-number\"}}").Should().Be(labelsBefore);
        ComposeTestProject.Inspect(newId, "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.NetworkMode}} {{.State.Health.Status}}").Should().Be("unless-stopped host healthy");
        project.ContainerId().Should().Be(newId, "docker-compose ps still lists it under the project");
        ComposeTestProject.Get(project.Port).Should().Contain("v2");
        Infrastructure.ProcessRunner.Run("docker", ["ps", "-aq", "--filter", $"id={oldId}"]).StandardOutput.Trim().Should().BeEmpty("the old container is removed");
    }

    [Test]
    public async Task ApplyAsync_NewContainerExitsAtOnce_RollsBackToOldContainer()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var oldId = project.ContainerId();
        project.Environment["SSL_VERIFY_CLIENT"] = "bogus";
        using var connection = await ConnectAsync();

        var result = await new ComposeServiceUpdater(connection).ApplyAsync(project.Proxy, project.Desired);

        result.Outcome.Should().Be(UpdateOutcome.RolledBack, result.Message);
        result.Succeeded.Should().BeFalse();
        result.ContainerId.Should().Be(oldId);
        result.FailureLogs.Should().Contain(line => line.Contains("invalid value \"bogus\"", StringComparison.Ordinal));
        ComposeTestProject.Inspect(oldId, "{{.State.Running}} {{.Name}}").Should().Be($"true /{project.Name}_ssl_1");
        ComposeTestProject.Inspect(oldId, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_CLIENT=optional");
        project.ContainerId().Should().Be(oldId);
        Infrastructure.ProcessRunner.Run("docker", ["ps", "-aq", "--filter", $"label=com.docker.compose.project={project.Name}"]).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle("the failed container is removed");
        ComposeTestProject.Get(project.Port).Should().Contain("kcm-test-proxy");
    }

    [TestCase(false, ApplyAction.Reload, UpdateOutcome.Reloaded)]
    [TestCase(true, ApplyAction.Restart, UpdateOutcome.Restarted)]
    public async Task ApplyAsync_CaFileRotatedAtSamePath_ReloadsOrRestartsAsTheContainerSeesIt(bool replaceByRename, ApplyAction expectedAction, UpdateOutcome expectedOutcome)
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        var startedBefore = ComposeTestProject.Inspect(id, "{{.State.StartedAt}}");
        await Task.Delay(1100); // file times must be later than the start time
        var rotated = File.ReadAllText(project.CaFile) + File.ReadAllText(project.CaFile);
        if (replaceByRename)
        {
            File.WriteAllText(project.CaFile + ".new", rotated);
            File.Move(project.CaFile + ".new", project.CaFile, overwrite: true);
        }
        else
        {
            using var stream = new FileStream(project.CaFile, FileMode.Truncate, FileAccess.Write);
            using var writer = new StreamWriter(stream);
            writer.Write(rotated);
        }

        using var connection = await ConnectAsync();
        var result = await new ComposeServiceUpdater(connection).ApplyAsync(project.Proxy, project.Desired);

        result.Action.Should().Be(expectedAction, string.Join("; ", result.Differences));
        result.Outcome.Should().Be(expectedOutcome, result.Message);
        result.Differences.Should().ContainSingle().Which.Aspect.Should().Be(ConfigurationAspect.MountedFileContent);
        result.ContainerId.Should().Be(id);
        var startedAfter = ComposeTestProject.Inspect(id, "{{.State.StartedAt}}");
        if (expectedAction == ApplyAction.Reload)
        {
            startedAfter.Should().Be(startedBefore);
        }
        else
        {
            startedAfter.Should().NotBe(startedBefore);
        }

        Infrastructure.ProcessRunner.Run("docker", ["exec", id, "cat", "/etc/kcm/client-ca.pem"]).StandardOutput.Should().Be(rotated);
    }

    [Test]
    public async Task ApplyAsync_ServiceOnComposeNetworks_KeepsNetworksAndAliases()
    {
        using var project = new ComposeTestProject();
        const string template = """
            services:
              guacd:
                image: keeper/guacd:2
                environment:
                  ACCEPT_EULA: "Y"
                  MARKER: "{0}"
                networks:
                  default:
                    aliases: [guacd-alias]
                  backend:
                    aliases: [guacd-backend]
            networks:
              backend: {{}}
            """;
        project.WriteRaw(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "v1"));
        project.Up();
        var oldId = project.ContainerId("guacd");
        var oldNetworkMode = ComposeTestProject.Inspect(oldId, "{{.HostConfig.NetworkMode}}");
        project.WriteRaw(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "v2"));

        var result = await ServiceDeployment.ApplyAsync(new ServiceDeploymentRequest(project.FilePath) { Service = "guacd", Endpoint = DockerEndpoint.Default });

        result.Outcome.Should().Be(UpdateOutcome.Recreated, result.Message);
        var newId = project.ContainerId("guacd");
        newId.Should().Be(result.ContainerId).And.NotBe(oldId);
        var networks = ComposeTestProject.Inspect(newId, "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}={{join $n.Aliases \",\"}};{{end}}");
        networks.Should().Contain($"{project.Name}_default=").And.Contain($"{project.Name}_backend=");
        networks.Should().Contain("guacd-alias").And.Contain("guacd-backend");
        networks.Should().NotContain(oldId[..12], "the old container's id alias is dropped");
        ComposeTestProject.Inspect(newId, "{{.HostConfig.NetworkMode}}").Should().Be(oldNetworkMode);
        var up = project.RunCompose("up", "-d");
        up.ExitCode.Should().Be(0, up.ToString());
        project.ContainerId("guacd").Should().Be(newId, "Compose sees the recreated container as up to date:\n" + up);
    }

    [Test]
    public async Task RestartAsync_NeverHealthy_TimesOutNamingTheLimit()
    {
        using var project = new ComposeTestProject();
        project.WriteRaw("""
            services:
              guacd:
                image: keeper/guacd:2
                network_mode: host
                healthcheck:
                  test: ["CMD", "false"]
                  interval: 1s
                  retries: 1000
            """);
        project.Up();
        using var connection = await ConnectAsync();
        var updater = new ComposeServiceUpdater(connection, new UpdateOptions { Timeout = TimeSpan.FromSeconds(3), StopTimeout = TimeSpan.FromSeconds(1) });

        var act = () => updater.RestartAsync(new ServiceTarget(project.Name, "guacd"));

        var error = (await act.Should().ThrowAsync<DockerException>()).Which;
        error.Failure.Should().Be(DockerFailure.Timeout);
        error.Message.Should().Contain("3s").And.Contain("guacd");
    }

    [Test]
    public async Task RestartAsync_Cancelled_StopsWaitingAndSaysSo()
    {
        using var project = new ComposeTestProject();
        project.WriteRaw("""
            services:
              guacd:
                image: keeper/guacd:2
                network_mode: host
                healthcheck:
                  test: ["CMD", "false"]
                  interval: 1s
                  retries: 1000
            """);
        project.Up();
        using var connection = await ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var act = () => new ComposeServiceUpdater(connection).RestartAsync(new ServiceTarget(project.Name, "guacd"), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
