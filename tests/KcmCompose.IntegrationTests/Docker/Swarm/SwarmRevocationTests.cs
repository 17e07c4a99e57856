using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using KcmCompose.IntegrationTests.Infrastructure;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Docker.Swarm;

/// <summary>
/// The single-host revocation test (<see cref="Kcm.RevocationEndToEndTests"/>) on Swarm: <c>client revoke --compose</c>
/// writes the deny list into the stack file, <c>apply --stack</c> (validated first) rolls it out, and the running proxy
/// tasks refuse the revoked clients only; check-client and validate agree.
/// </summary>
[NonParallelizable]
public class SwarmRevocationTests
{
    private const string UserText = "add_header X-Mine \"kept byte for byte\";  # user's own line";

    [Test]
    public async Task ClientRevoke_ComposeThenApplyStack_RunningTasksRefuseRevokedClientsOnly()
    {
        using var stack = new SwarmTestDeployment();
        var root = stack.Directory;
        File.WriteAllText(Path.Combine(root, "ca.pass"), "ca-pass-1\n");
        File.WriteAllText(Path.Combine(root, "client.pass"), "client-pass-1\n");
        Succeeds(Run(root, "ca", "create", "--dir", "ca", "--key", "p256", "--passphrase-file", "ca.pass"));
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            Succeeds(Run(root, "client", "issue", name, "--ca-dir", "ca", "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
        }

        using var alice = Client(root, "alice");
        using var bob = Client(root, "bob");
        using var carol = Client(root, "carol");
        var caFile = Path.Combine(root, "client-ca.pem");
        File.Copy(Path.Combine(root, "ca", "ca.crt"), caFile);
        stack.Write(caFile, caAsConfig: false, additionalNginxConfig: UserText);
        stack.Deploy();
        await SwarmApplyTests.WaitForStatusAsync(stack.Port, bob, 200);

        Succeeds(Run(root, "client", "revoke", "bob", "--ca-dir", "ca", "--compose", stack.FilePath, "--ca-passphrase-file", "ca.pass"));
        var apply = Run(root, "apply", "--stack", stack.Name, "-f", stack.FilePath, "--timeout", "120s");

        apply.ExitCode.Should().Be(0, apply.ToString());
        apply.StandardOutput.Should().Contain("environment ADDITIONAL_NGINX_CONFIG").And.Contain("every task now runs the new spec");
        await SwarmApplyTests.WaitForStatusAsync(stack.Port, bob, 403);
        await AllTasksAgreeAsync(stack.Port, bob, 403);
        await AllTasksAgreeAsync(stack.Port, alice, 200);
        (await AdmissionPoller.StatusAsync(stack.Port, null)).Should().NotBe(200, "a request without a certificate is still refused");
        Environment(stack).Should().Contain("ADDITIONAL_NGINX_CONFIG=" + UserText + "\n");

        Succeeds(Run(root, "client", "revoke", "carol", "--ca-dir", "ca", "--compose", stack.FilePath, "--ca-passphrase-file", "ca.pass"));
        Succeeds(Run(root, "apply", "--stack", stack.Name, "-f", stack.FilePath, "--timeout", "120s"));

        await AllTasksAgreeAsync(stack.Port, carol, 403);
        await AllTasksAgreeAsync(stack.Port, bob, 403);
        await AllTasksAgreeAsync(stack.Port, alice, 200);
        foreach (var (name, refused) in new[] { ("alice", false), ("bob", true), ("carol", true) })
        {
            var check = Run(root, "check-client", Path.Combine("ca", "clients", name + ".crt"), stack.FilePath, "--ca-dir", "ca", "--format", "json");
            using var json = JsonDocument.Parse(check.StandardOutput);
            json.RootElement.GetProperty("verdict").GetString().Should().Be(refused ? "reject" : "accept", check.ToString());
            json.RootElement.GetProperty("revoked").GetBoolean().Should().Be(refused);
        }

        var validate = Run(root, "validate", stack.FilePath, "--ca-dir", "ca", "--format", "json");
        validate.StandardOutput.Should().NotContain("revocation-not-enforced").And.NotContain("deny-list-stale");
    }

    /// <summary>Several fresh connections, so that every task behind the shared port answers at least once with high likelihood.</summary>
    private static async Task AllTasksAgreeAsync(int port, X509Certificate2 client, int status)
    {
        for (var i = 0; i < 12; i++)
        {
            (await AdmissionPoller.StatusAsync(port, client)).Should().Be(status, $"request {i + 1} with {client.Subject}");
        }
    }

    private static X509Certificate2 Client(string root, string name) =>
        X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(root, "ca", "clients", name + ".pfx"), "client-pass-1");

    private static string Environment(SwarmTestDeployment stack) =>
        SwarmTestDeployment.Docker("service", "inspect", stack.ServiceName, "--format", "{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}").StandardOutput;
}
