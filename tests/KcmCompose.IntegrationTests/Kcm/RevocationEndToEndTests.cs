using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;
using KcmCompose.Kcm;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Kcm;

/// <summary>
/// Revocation that takes effect, with the real program on a running stand-in stack (nginx in the proxy image, the deny
/// list inside the location as the image places ADDITIONAL_NGINX_CONFIG): after <c>client revoke --compose --apply</c>,
/// <c>verify</c> with the revoked .pfx fails (403) and with another passes; <c>check-client</c> and <c>validate</c> agree;
/// Compose v2, v1 and dclint accept every file the revocation writes.
/// </summary>
[NonParallelizable]
public class RevocationEndToEndTests
{
    private const string UserText = "add_header X-Mine \"kept byte for byte\";  # user's own line";

    private string _root = string.Empty;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("kcm-revocation-e2e-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public void ClientRevoke_ComposeApply_RunningProxyRefusesRevokedClientsOnly()
    {
        using var project = new ComposeTestProject();
        var curl = new CurlProbe(_root);
        File.WriteAllText(Path.Combine(_root, "ca.pass"), "ca-pass-1\n");
        File.WriteAllText(Path.Combine(_root, "client.pass"), "client-pass-1\n");
        Succeeds(Run(_root, "ca", "create", "--dir", "ca", "--key", "p256", "--passphrase-file", "ca.pass"));
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            Succeeds(Run(_root, "client", "issue", name, "--ca-dir", "ca", "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
        }

        File.Copy(Path.Combine(_root, "ca", "ca.crt"), project.CaFile, overwrite: true);
        project.Environment["SSL_VERIFY_CLIENT"] = "on";
        project.Environment["ADDITIONAL_NGINX_CONFIG"] = UserText;
        project.WriteFile();
        var dclintBefore = RevocationJudges.DclintErrors(project.FilePath);
        project.Up();
        curl.WaitForStatus(project.Port, "alice", "200", TimeSpan.FromSeconds(60));
        Verify(project, "bob").ExitCode.Should().Be(0, "bob is admitted before the revocation");

        var revoke = Run(_root, "client", "revoke", "bob", "--ca-dir", "ca", "--compose", project.FilePath, "--apply", "--ca-passphrase-file", "ca.pass");

        revoke.ExitCode.Should().Be(0, revoke.ToString());
        curl.WaitForStatus(project.Port, "bob", "403", TimeSpan.FromSeconds(60));
        Verify(project, "bob").ExitCode.Should().Be(1, "the revoked client is refused");
        Verify(project, "alice").ExitCode.Should().Be(0, "another client still gets in");
        curl.Status(project.Port, null).Should().NotBe("200", "a request without a certificate is still refused");
        Value(project).Should().StartWith(UserText + "\n");

        Succeeds(Run(_root, "client", "revoke", "carol", "--ca-dir", "ca", "--compose", project.FilePath, "--apply", "--ca-passphrase-file", "ca.pass"));

        curl.WaitForStatus(project.Port, "carol", "403", TimeSpan.FromSeconds(60));
        curl.Status(project.Port, "bob").Should().Be("403", "revoking a second client keeps the first revoked");
        curl.Status(project.Port, "alice").Should().Be("200");
        Value(project).Should().StartWith(UserText + "\n");
        foreach (var (name, refused) in new[] { ("alice", false), ("bob", true), ("carol", true) })
        {
            var check = Run(_root, "check-client", Path.Combine("ca", "clients", name + ".crt"), project.FilePath, "--ca-dir", "ca", "--format", "json");
            using var json = JsonDocument.Parse(check.StandardOutput);
            json.RootElement.GetProperty("verdict").GetString().Should().Be(refused ? "reject" : "accept", check.ToString());
            json.RootElement.GetProperty("proxyRefuses").GetBoolean().Should().Be(refused, "nginx answers " + curl.Status(project.Port, name));
            json.RootElement.GetProperty("revoked").GetBoolean().Should().Be(refused);
        }

        var validate = Run(_root, "validate", project.FilePath, "--ca-dir", "ca", "--format", "json");
        validate.StandardOutput.Should().NotContain("revocation-not-enforced").And.NotContain("deny-list-stale");
        RevocationJudges.Accept(project.FilePath, dclintBefore);
    }

    [Test]
    public void Validate_RevokedWithoutDenyList_AgreesWithNginxAdmittingIt()
    {
        using var project = new ComposeTestProject();
        var curl = new CurlProbe(_root);
        File.WriteAllText(Path.Combine(_root, "ca.pass"), "ca-pass-1\n");
        File.WriteAllText(Path.Combine(_root, "client.pass"), "client-pass-1\n");
        Succeeds(Run(_root, "ca", "create", "--dir", "ca", "--key", "p256", "--passphrase-file", "ca.pass"));
        Succeeds(Run(_root, "client", "issue", "bob", "--ca-dir", "ca", "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
        File.Copy(Path.Combine(_root, "ca", "ca.crt"), project.CaFile, overwrite: true);
        project.Environment["SSL_VERIFY_CLIENT"] = "on";
        project.WriteFile();
        project.Up();
        Succeeds(Run(_root, "client", "revoke", "bob", "--ca-dir", "ca"));

        curl.WaitForStatus(project.Port, "bob", "200", TimeSpan.FromSeconds(60));
        var validate = Run(_root, "validate", project.FilePath, "--ca-dir", "ca");
        var check = Run(_root, "check-client", Path.Combine("ca", "clients", "bob.crt"), project.FilePath, "--ca-dir", "ca", "--format", "json");

        validate.ExitCode.Should().Be(1, validate.ToString());
        validate.StandardOutput.Should().Contain("revocation-not-enforced");
        using var json = JsonDocument.Parse(check.StandardOutput);
        json.RootElement.GetProperty("verdict").GetString().Should().Be("reject");
        json.RootElement.GetProperty("proxyRefuses").GetBoolean().Should().BeFalse("nginx still answers 200");
    }

    [TestCase("keeper-docs")]
    [TestCase("list-style")]
    public void ApplyFile_KeeperInputs_JudgesAcceptEveryWrite(string name)
    {
        var file = Path.Combine(_root, "docker-compose.yml");
        File.Copy(Path.Combine(RevocationJudges.RepositoryRoot(), "tests", "KcmCompose.Tests", "Kcm", "Editing", "Inputs", name + ".yml"), file);
        File.WriteAllText(Path.Combine(_root, "ssl.env"), "ACCEPT_EULA=Y\nSSL_HOSTNAME=kcm.example.com\n");
        var dclintBefore = RevocationJudges.DclintErrors(file);
        var serials = new List<string>();
        foreach (var serial in new[] { "0A1B", "7F0102030405060708090A0B0C0D0E0F10111213", "FFEEDDCCBBAA99887766554433221100FFEEDDCC" })
        {
            serials.Add(serial);
            RevocationDenyList.ApplyFileAsync(file, serials).GetAwaiter().GetResult().Status.Should().NotBe(KcmCompose.Compose.ComposeEditStatus.Refused);
            var value = RevocationJudges.Accept(file, dclintBefore);
            value.Should().Contain("$$ssl_client_serial = " + serial);
        }
    }

    private static string Value(ComposeTestProject project)
    {
        var proxy = KcmCompose.Compose.ComposeServices.Read(KcmCompose.Compose.ComposeDocument.Parse(File.ReadAllText(project.FilePath))).Find("ssl")!;
        var value = proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig)!.Value!;
        return value;
    }

    private ProcessResult Verify(ComposeTestProject project, string client) =>
        Run(_root, "verify", string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{project.Port}/"), "--insecure",
            "--client-pfx", Path.Combine("ca", "clients", client + ".pfx"), "--pfx-passphrase-file", "client.pass");
}

/// <summary>Compose v2, Compose v1 and dclint as judges of a file the revocation wrote.</summary>
internal static class RevocationJudges
{
    /// <summary>Asserts the judges accept <paramref name="file"/>; returns the proxy's ADDITIONAL_NGINX_CONFIG as Compose v2 prints it.</summary>
    public static string Accept(string file, IReadOnlyCollection<string> dclintBefore)
    {
        var folder = Path.GetDirectoryName(file)!;
        var environment = ProcessRunner.CleanEnvironment();
        var text = File.ReadAllText(file);
        var v2 = ProcessRunner.Run(Requires.Program("docker"), ["compose", "-f", file, "config", "--format", "json"], folder, environment);
        v2.ExitCode.Should().Be(0, $"Compose v2 must accept the file\n{v2}\n{text}");
        var v1 = ProcessRunner.Run(Requires.Program("docker-compose"), ["-f", file, "config", "-q"], folder, environment);
        v1.ExitCode.Should().Be(0, $"Compose v1 must accept the file\n{v1}\n{text}");
        DclintErrors(file).Should().BeSubsetOf(dclintBefore, $"the deny list must not add dclint errors\n{text}");

        using var config = JsonDocument.Parse(v2.StandardOutput);
        var proxy = config.RootElement.GetProperty("services").EnumerateObject()
            .Single(s => s.Value.GetProperty("image").GetString()!.Contains("guacamole-ssl-nginx", StringComparison.Ordinal)).Value;
        return proxy.GetProperty("environment").GetProperty("ADDITIONAL_NGINX_CONFIG").GetString()!;
    }

    /// <summary>The dclint findings of type error, as rule + message.</summary>
    public static List<string> DclintErrors(string file)
    {
        var lint = ProcessRunner.Run(Requires.Program("dclint"), [file, "-f", "json", "--color", "false"], Path.GetDirectoryName(file), ProcessRunner.CleanEnvironment());
        using var report = JsonDocument.Parse(lint.StandardOutput);
        return report.RootElement.EnumerateArray().SelectMany(r => r.GetProperty("messages").EnumerateArray())
            .Where(m => m.GetProperty("type").GetString() == "error")
            .Select(m => $"{m.GetProperty("rule").GetString()}: {m.GetProperty("message").GetString()}")
            .ToList();
    }

    public static string RepositoryRoot([CallerFilePath] string callerFile = "")
    {
        var folder = Path.GetDirectoryName(callerFile);
        while (folder is not null && !File.Exists(Path.Combine(folder, "KcmCompose.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("KcmCompose.sln not found above " + callerFile);
    }

}
