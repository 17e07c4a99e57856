using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker.Swarm;

/// <summary>
/// <c>kcm-compose apply --stack</c> as a real process against a real single-node swarm: rotating the client CA rolls
/// across the proxy tasks one by one with nobody admitted without a certificate, and a rotation that breaks the proxy
/// is rolled back with nothing left behind.
/// </summary>
/// <remarks>
/// The rotations pass --skip-validation: the validator does not yet resolve CLIENT_CERTIFICATE_FILE through a
/// Swarm config (it reports ca-file-not-mounted); the gate itself is shown by <see cref="ApplyStack_InvalidFile_RefusedBeforeAnythingIsCreated"/>.
/// </remarks>
[NonParallelizable]
public class SwarmApplyTests
{
    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");

    private static ProcessResult Cli(SwarmTestDeployment stack, params string[] arguments) =>
        ProcessRunner.Run("dotnet", [CliDll, .. arguments, "-f", stack.FilePath], workingDirectory: stack.Directory, timeout: TimeSpan.FromMinutes(3));

    [Test]
    public async Task ApplyStack_RotatedCa_ReplacesTasksOneByOneNeverAdmittingAClientWithoutCertificate()
    {
        using var stack = new SwarmTestDeployment();
        using var oldCa = TestCertificates.CreateCa("old-ca");
        using var newCa = TestCertificates.CreateCa("new-ca");
        using var oldClient = TestCertificates.Issue(oldCa, "old-client");
        using var newClient = TestCertificates.Issue(newCa, "new-client");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        TestCertificates.WritePem(oldCa, caFile);
        stack.Write(caFile);
        stack.Deploy();
        var before = stack.ServiceConfigs();
        var tasksBefore = stack.RunningTasks().Select(t => t.Split(' ')[0]).ToList();
        await WaitForStatusAsync(stack.Port, oldClient, 200);
        TestCertificates.WritePem(newCa, caFile);

        var plan = Cli(stack, "apply", "--stack", stack.Name, "--dry-run", "--skip-validation");

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.StandardOutput.Should().Contain($"config /etc/kcm/client-ca.pem: {before} -> {stack.Name}_client-ca-").And.Contain("start-first, 1 at a time");
        foreach (var task in tasksBefore)
        {
            plan.StandardOutput.Should().Contain(task[..12], "the plan names every task that will be replaced");
        }

        stack.ServiceConfigs().Should().Be(before, "a dry run changes nothing");

        await using var poller = new AdmissionPoller(stack.Port, new Dictionary<string, X509Certificate2?> { ["none"] = null, ["old"] = oldClient, ["new"] = newClient });
        var start = poller.Now;
        var apply = await Task.Run(() => Cli(stack, "apply", "--stack", stack.Name, "--timeout", "120s", "--skip-validation"));
        var end = poller.Now;
        await WaitForStatusAsync(stack.Port, newClient, 200);
        var settled = poller.Now + TimeSpan.FromSeconds(1);
        await WaitUntilAsync(() => poller.Now > settled);
        await poller.DisposeAsync();

        apply.ExitCode.Should().Be(0, apply.ToString());
        apply.StandardOutput.Should().Contain("every task now runs the new spec").And.Contain($"Removed unused config {before}");
        var knocks = poller.Knocks;
        var during = knocks.Where(k => k.Answered >= start && k.At <= end).ToList();
        var firstNew = during.FirstOrDefault(k => k.Client == "new" && k.Status == 200);
        var window = poller.LongestWindowWithoutAdmission(start, end, "old", "new");
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Swarm CA rotation: {knocks.Count} knocks ({during.Count} during apply, {(end - start).TotalSeconds:0.0}s); "
            + $"admitted without certificate: {knocks.Count(k => k.Client == "none" && k.Status == 200)} of {knocks.Count(k => k.Client == "none")}; "
            + $"old admitted during: {during.Count(k => k.Client == "old" && k.Status == 200)}, new admitted during: {during.Count(k => k.Client == "new" && k.Status == 200)}; "
            + $"first new admission {(firstNew is null ? "none" : $"{(firstNew.Answered - start).TotalSeconds:0.00}s")} after apply began; slowest answer {during.Max(k => k.Answered - k.At).TotalMilliseconds:0} ms; "
            + $"longest window with neither old nor new admitted: {window.TotalMilliseconds:0} ms; failed connections: {during.Count(k => k.Status == 0)}")
            + "\n" + poller.Around(start, end, "old", "new"));
        knocks.Where(k => k.Client == "none").Should().NotContain(k => k.Status == 200, "a client without a certificate is never admitted");
        knocks.Where(k => k.Client == "none").Should().NotBeEmpty();
        firstNew.Should().NotBeNull("a client of the new CA gets in as soon as a new task is up, before the rollout ends");
        during.Should().Contain(k => k.Client == "old" && k.Status == 200 && k.At > firstNew!.Answered, "old and new tasks served side by side (start-first)");
        stack.ServiceConfigs().Should().StartWith(stack.Name + "_client-ca-").And.NotBe(before);
        stack.StackConfigs().Should().Equal(stack.ServiceConfigs());
        stack.RunningTasks().Should().HaveCount(2).And.OnlyContain(t => !tasksBefore.Any(old => t.StartsWith(old, StringComparison.Ordinal)));
        (await AdmissionPoller.StatusAsync(stack.Port, oldClient)).Should().NotBe(200, "the old CA's clients are out once every task runs the new spec");

        var again = Cli(stack, "apply", "--stack", stack.Name, "--skip-validation");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StandardOutput.Should().Contain("Action: none");
    }

    [Test]
    public async Task ApplyStack_NewServerCertificateAndKey_ConfigAndSecretReplacedOldOnesRemoved()
    {
        using var stack = new SwarmTestDeployment();
        using var ca = TestCertificates.CreateCa("server-ca");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        var certificateFile = Path.Combine(stack.Directory, "server.crt");
        var keyFile = Path.Combine(stack.Directory, "server.key");
        TestCertificates.WritePem(ca, caFile);
        using var first = TestCertificates.WriteServerPair(certificateFile, keyFile);
        stack.Write(caFile, serverCertificate: certificateFile, serverKey: keyFile);
        stack.Deploy();
        (await AdmissionPoller.ServerThumbprintAsync(stack.Port)).Should().Be(Convert.ToHexString(first.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)));
        var secretBefore = stack.ServiceSecrets();
        using var second = TestCertificates.WriteServerPair(certificateFile, keyFile);

        var apply = Cli(stack, "apply", "--stack", stack.Name, "--timeout", "120s", "--skip-validation");

        apply.ExitCode.Should().Be(0, apply.ToString());
        apply.StandardOutput.Should().Contain($"secret /run/secrets/server.key: {secretBefore} -> {stack.Name}_server-key-")
            .And.Contain($"config /etc/kcm/server.crt: {stack.Name}_server-cert -> {stack.Name}_server-cert-")
            .And.NotContain("client-ca.pem:", "the unchanged CA config is no difference");
        for (var i = 0; i < 8; i++)
        {
            (await AdmissionPoller.ServerThumbprintAsync(stack.Port)).Should().Be(Convert.ToHexString(second.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)), "every task serves the new pair");
        }

        stack.StackSecrets().Should().Equal(stack.ServiceSecrets()).And.NotContain(secretBefore);
        stack.StackConfigs().Should().BeEquivalentTo(stack.ServiceConfigs().Split(' '));
        Docker("secret", "inspect", stack.ServiceSecrets(), "--format", "{{index .Spec.Labels \"org.kcmcompose.content-sha256\"}}").Should()
            .Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(keyFile))));
        var again = Cli(stack, "apply", "--stack", stack.Name, "--skip-validation");
        again.ExitCode.Should().Be(0, again.ToString());
        again.StandardOutput.Should().Contain("Action: none", "the secret's content label tells it holds the file");
    }

    private static string Docker(params string[] arguments) => SwarmTestDeployment.Docker(arguments).StandardOutput.Trim();

    [Test]
    public async Task ApplyStack_CaFileThatBreaksTheProxy_RolledBackExitOneNoConfigLeft()
    {
        using var stack = new SwarmTestDeployment();
        using var ca = TestCertificates.CreateCa("good-ca");
        using var client = TestCertificates.Issue(ca, "client");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        TestCertificates.WritePem(ca, caFile);
        stack.Write(caFile);
        stack.Deploy();
        var before = stack.ServiceConfigs();
        await WaitForStatusAsync(stack.Port, client, 200);
        await File.WriteAllTextAsync(caFile, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

        var apply = Cli(stack, "apply", "--stack", stack.Name, "--timeout", "120s", "--skip-validation");

        apply.ExitCode.Should().Be(1, apply.ToString());
        apply.StandardOutput.Should().Contain("rolled back to the previous spec").And.Contain("removed");
        apply.StandardOutput.Should().Contain("[emerg]").And.Contain("/etc/kcm/client-ca.pem", "the failed task's own log lines say why");
        stack.ServiceConfigs().Should().Be(before);
        stack.StackConfigs().Should().Equal(before);
        SwarmTestDeployment.Docker("service", "inspect", stack.ServiceName, "--format", "{{.UpdateStatus.State}}").StandardOutput.Trim().Should().Be("rollback_completed");
        await WaitForStatusAsync(stack.Port, client, 200);
        (await AdmissionPoller.StatusAsync(stack.Port, null)).Should().NotBe(200);

        // The rolled-back update's status does not stand in the way of the next one.
        using var fixedCa = TestCertificates.CreateCa("fixed-ca");
        TestCertificates.WritePem(fixedCa, caFile);
        var next = Cli(stack, "apply", "--stack", stack.Name, "--timeout", "120s", "--skip-validation");
        next.ExitCode.Should().Be(0, next.ToString());
        stack.StackConfigs().Should().Equal(stack.ServiceConfigs()).And.NotContain(before);
    }

    [Test]
    public void ApplyStack_StartFirstWithHostModePortOnOneNode_TimesOutRolledBackNamingTheCause()
    {
        using var stack = new SwarmTestDeployment();
        using var ca = TestCertificates.CreateCa("port-ca");
        using var rotated = TestCertificates.CreateCa("port-ca-2");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        TestCertificates.WritePem(ca, caFile);
        stack.Write(caFile, replicas: 1, hostModePort: true);
        stack.Deploy(replicas: 1);
        var before = stack.ServiceConfigs();
        TestCertificates.WritePem(rotated, caFile);

        var apply = Cli(stack, "apply", "--stack", stack.Name, "--timeout", "20s", "--skip-validation");

        apply.ExitCode.Should().Be(1, apply.ToString());
        apply.StandardOutput.Should().Contain("not finished within 20s").And.Contain("host-mode port already in use").And.Contain("rolled back to the previous spec");
        stack.ServiceConfigs().Should().Be(before);
        stack.StackConfigs().Should().Equal(before);
        stack.RunningTasks().Should().ContainSingle();
    }

    [Test]
    public async Task ApplyStack_InvalidFile_RefusedBeforeAnythingIsCreated()
    {
        using var stack = new SwarmTestDeployment();
        using var ca = TestCertificates.CreateCa("gate-ca");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        TestCertificates.WritePem(ca, caFile);
        stack.Write(caFile, replicas: 1);
        stack.Deploy(replicas: 1);
        var before = stack.ServiceConfigs();
        using var rotated = TestCertificates.CreateCa("gate-ca-2");
        TestCertificates.WritePem(rotated, caFile);
        await File.WriteAllTextAsync(stack.FilePath, (await File.ReadAllTextAsync(stack.FilePath)).Replace("SSL_VERIFY_CLIENT: \"on\"", "SSL_VERIFY_CLIENT: \"bogus\"", StringComparison.Ordinal));

        var apply = Cli(stack, "apply", "--stack", stack.Name);

        apply.ExitCode.Should().Be(1, apply.ToString());
        apply.StandardError.Should().Contain("refused");
        apply.StandardOutput.Should().Contain("SSL_VERIFY_CLIENT");
        stack.ServiceConfigs().Should().Be(before);
        stack.StackConfigs().Should().Equal(before);
    }

    [Test]
    public void ApplyStack_UnknownStack_ExitTwoNamingTheService()
    {
        using var stack = new SwarmTestDeployment();
        using var ca = TestCertificates.CreateCa("absent-ca");
        var caFile = Path.Combine(stack.Directory, "client-ca.pem");
        TestCertificates.WritePem(ca, caFile);
        stack.Write(caFile);

        var apply = Cli(stack, "apply", "--stack", stack.Name, "--skip-validation");

        apply.ExitCode.Should().Be(2, apply.ToString());
        apply.StandardError.Should().Contain($"no service {stack.Name}_ssl").And.Contain("docker stack deploy");
        stack.StackConfigs().Should().BeEmpty();
    }

    internal static async Task WaitForStatusAsync(int port, X509Certificate2? client, int status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        int last;
        while ((last = await AdmissionPoller.StatusAsync(port, client)) != status)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for HTTP {status} from 127.0.0.1:{port} (last: {last}).");
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(50);
        }
    }
}
