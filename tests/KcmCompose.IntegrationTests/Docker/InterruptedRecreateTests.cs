using System.Diagnostics;
using KcmCompose.Docker;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>
/// A recreate stopped dead after each of its steps (as a killed <c>apply</c> leaves it: no rollback, no cleanup),
/// then a normal apply: one running proxy under the service's own name, no <c>-kcm-old-</c> leftovers.
/// </summary>
[NonParallelizable]
public class InterruptedRecreateTests
{
    [TestCase("RenamedAside", false)]
    [TestCase("Created", false)]
    [TestCase("StoppedOld", false)]
    [TestCase("Started", false)]
    [TestCase("Created", true)]
    [TestCase("Started", true)]
    public async Task ApplyAsync_EarlierRecreateKilledAfterStep_EndsWithOneRunningProxyUnderItsName(string step, bool oldStoppedBefore)
    {
        var killAfter = Enum.Parse<RecreateStep>(step);
        using var project = new ComposeTestProject();
        project.Up();
        var name = $"{project.Name}_ssl_1";
        if (oldStoppedBefore)
        {
            ProcessRunner.Run("docker", ["stop", "-t", "1", project.ContainerId()]).ExitCode.Should().Be(0);
        }

        project.Environment["KCM_TEST_MARKER"] = "v2";
        project.WriteFile();
        using (var connection = await DockerConnection.ConnectAsync(DockerEndpoint.Default))
        {
            var killed = new ComposeServiceUpdater(connection, new UpdateOptions
            {
                AfterRecreateStep = s =>
                {
                    if (s == killAfter)
                    {
                        throw new SimulatedKill(s);
                    }
                },
            });

            await killed.Invoking(u => u.ApplyAsync(project.Proxy, project.Desired)).Should().ThrowAsync<SimulatedKill>();
        }

        ServiceContainers(project).Should().Contain(c => c.Name.Contains("-kcm-old-"), "the killed run left the old container aside");

        var result = await ServiceDeployment.ApplyAsync(new ServiceDeploymentRequest(project.FilePath) { Endpoint = DockerEndpoint.Default });

        result.Succeeded.Should().BeTrue(result.Message);
        var containers = ServiceContainers(project);
        containers.Should().ContainSingle(string.Join(", ", containers)).Which.Should().Be(new ServiceContainer(name, "running"));
        ProcessRunner.Run("docker", ["ps", "-a", "--filter", "name=kcm-old", "--format", "{{.Names}}"]).StandardOutput
            .Should().NotContain(project.Name, "no container of the project keeps the aside name");
        ComposeTestProject.Inspect(name, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("KCM_TEST_MARKER=v2");
        project.ContainerId().Should().Be(ComposeTestProject.Inspect(name, "{{.Id}}"), "docker-compose still sees one container for the service");
        ComposeTestProject.Get(project.Port).Should().Contain("v2");
    }

    [Test]
    public async Task Apply_CliProcessKilledWhileOldContainerIsAside_NextApplyEndsWithOneRunningProxy()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var name = $"{project.Name}_ssl_1";
        project.Environment["KCM_TEST_MARKER"] = "v2";
        project.WriteFile();
        var cliDll = Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = project.Directory };
        foreach (var argument in new[] { cliDll, "apply", project.FilePath })
        {
            start.ArgumentList.Add(argument);
        }

        // SIGKILL the real CLI as soon as the old container is renamed aside (it stays so for at least the 1 s grace period).
        using (var cli = Process.Start(start)!)
        {
            var output = cli.StandardOutput.ReadToEndAsync();
            var errors = cli.StandardError.ReadToEndAsync();
            var deadline = Stopwatch.StartNew();
            var killed = false;
            while (!cli.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (ServiceContainers(project).Any(c => c.Name.Contains("-kcm-old-")))
                {
                    cli.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }

                await Task.Delay(20);
            }

            await cli.WaitForExitAsync();
            killed.Should().BeTrue($"the CLI is killed mid-recreate, not after it finished:\n{await output}\n{await errors}");
        }

        ServiceContainers(project).Should().Contain(c => c.Name.Contains("-kcm-old-"), "the killed CLI left the old container aside");

        var again = ProcessRunner.Run("dotnet", [cliDll, "apply", project.FilePath], workingDirectory: project.Directory, timeout: TimeSpan.FromMinutes(2));

        again.ExitCode.Should().Be(0, again.ToString());
        ServiceContainers(project).Should().ContainSingle().Which.Should().Be(new ServiceContainer(name, "running"));
        ComposeTestProject.Inspect(name, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("KCM_TEST_MARKER=v2");
        ComposeTestProject.Get(project.Port).Should().Contain("v2");
    }

    [Test]
    public async Task RestartAsync_EarlierRecreateKilledAfterStoppingTheOld_RestartsTheOldContainerUnderItsName()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var name = $"{project.Name}_ssl_1";
        var oldId = project.ContainerId();
        project.Environment["KCM_TEST_MARKER"] = "v2";
        using (var connection = await DockerConnection.ConnectAsync(DockerEndpoint.Default))
        {
            var killed = new ComposeServiceUpdater(connection, new UpdateOptions { AfterRecreateStep = s => { if (s == RecreateStep.StoppedOld) { throw new SimulatedKill(s); } } });
            await killed.Invoking(u => u.ApplyAsync(project.Proxy, project.Desired)).Should().ThrowAsync<SimulatedKill>();
        }

        ServiceContainers(project).Should().NotContain(c => c.State == "running", "nothing runs once the old container is stopped");

        var result = await ServiceDeployment.RestartAsync(new ServiceDeploymentRequest(project.FilePath) { Endpoint = DockerEndpoint.Default });

        result.Outcome.Should().Be(UpdateOutcome.Restarted, result.Message);
        result.ContainerId.Should().Be(oldId, "restart does not apply the file: the old container comes back");
        ServiceContainers(project).Should().ContainSingle().Which.Should().Be(new ServiceContainer(name, "running"));
    }

    [Test]
    public async Task ApplyAsync_LeftoverWithNestedAsideNameAndNothingUnderTheName_RestoresTheNameWithoutNesting()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var name = $"{project.Name}_ssl_1";
        var id = project.ContainerId();
        // What the old code made of a second interrupted run: the suffix twice.
        ProcessRunner.Run("docker", ["rename", id, $"{name}-kcm-old-{id[..12]}-kcm-old-{id[..12]}"]).ExitCode.Should().Be(0);

        var result = await ServiceDeployment.ApplyAsync(new ServiceDeploymentRequest(project.FilePath) { Endpoint = DockerEndpoint.Default });

        result.Outcome.Should().Be(UpdateOutcome.Unchanged, result.Message);
        ServiceContainers(project).Should().ContainSingle().Which.Should().Be(new ServiceContainer(name, "running"));
        ComposeTestProject.Inspect(name, "{{.Id}}").Should().Be(id, "the old container is put back, not replaced");
    }

    private static List<ServiceContainer> ServiceContainers(ComposeTestProject project) =>
        ProcessRunner.Run("docker", ["ps", "-a", "--filter", $"label=com.docker.compose.project={project.Name}", "--filter", "label=com.docker.compose.service=ssl", "--format", "{{.Names}} {{.State}}"])
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .Select(parts => new ServiceContainer(parts[0], parts[1]))
            .ToList();

    private sealed record ServiceContainer(string Name, string State);

    /// <summary>Stands for the process dying: it is neither a Docker error nor a cancellation, so nothing is rolled back.</summary>
    private sealed class SimulatedKill(RecreateStep step) : Exception($"killed after {step}");
}
