using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker.Swarm;

/// <summary>
/// A single-node swarm for the tests in this namespace: initialised on loopback when the daemon is not in one yet, and
/// left again afterwards only then (another test run on the same daemon may own an existing swarm).
/// </summary>
[SetUpFixture]
public class SwarmSetUp
{
    private bool _initialised;

    [OneTimeSetUp]
    public void JoinOrInitialise()
    {
        Requires.DockerDaemon();
        TestImages.EnsureBuilt();
        if (SwarmTestDeployment.Docker("info", "--format", "{{.Swarm.LocalNodeState}}").StandardOutput.Trim() == "active")
        {
            return;
        }

        var init = SwarmTestDeployment.Docker("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
        if (init.ExitCode != 0)
        {
            Assert.Fail($"'docker swarm init' on loopback failed:\n{init}");
        }

        _initialised = true;
    }

    [OneTimeTearDown]
    public void LeaveIfInitialised()
    {
        if (_initialised)
        {
            SwarmTestDeployment.Docker("swarm", "leave", "--force");
        }
    }
}
