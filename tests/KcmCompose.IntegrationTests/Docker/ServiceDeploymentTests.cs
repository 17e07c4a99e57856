using KcmCompose.Docker;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>The library flow docs/docker.md shows, through the public API only (the updater under it is internal).</summary>
[NonParallelizable]
public class ServiceDeploymentTests
{
    [Test]
    public async Task ApplyAsync_DryRunAfterEnvironmentChange_ReportsPlanAndChangesNothing()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        project.Environment["KCM_TEST_MARKER"] = "v2";
        project.WriteFile();
        var request = new ServiceDeploymentRequest(project.FilePath) { Service = "ssl", Project = project.Name, Endpoint = DockerEndpoint.Default };

        var plan = await ServiceDeployment.ApplyAsync(request, new UpdateOptions { DryRun = true });

        plan.Action.Should().Be(ApplyAction.Recreate);
        plan.Outcome.Should().Be(UpdateOutcome.Planned);
        plan.Succeeded.Should().BeTrue();
        plan.Differences.Should().ContainSingle().Which.Should().Be(new ConfigurationDifference(ConfigurationAspect.Environment, "KCM_TEST_MARKER", "v2", "v1"));
        project.ContainerId().Should().Be(id);
        ComposeTestProject.Inspect(id, "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("KCM_TEST_MARKER=v1");
    }

    [Test]
    public async Task RestartAsync_ReloadWithFallBack_ReloadsTheRunningProxy()
    {
        using var project = new ComposeTestProject();
        project.Up();
        var id = project.ContainerId();
        var before = ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}");
        var request = new ServiceDeploymentRequest(project.FilePath) { Service = "ssl", Project = project.Name, Endpoint = DockerEndpoint.Default };

        var result = await ServiceDeployment.RestartAsync(request, reload: true, new UpdateOptions { FallBackToRestart = true });

        result.Outcome.Should().Be(UpdateOutcome.Reloaded, result.Message);
        result.Succeeded.Should().BeTrue();
        ComposeTestProject.Inspect(id, "{{.State.Pid}} {{.State.StartedAt}}").Should().Be(before);
    }
}
