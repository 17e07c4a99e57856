using System.Globalization;
using KcmCompose.IntegrationTests.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Verification;

/// <summary>
/// The strongest proof that our <c>.pfx</c> works for users: headless Chromium, with the compatible <c>.pfx</c>
/// imported by pk12util into a fresh NSS database, loads a page from nginx with <c>ssl_verify_client on</c>; without
/// the certificate it gets nginx's 400 page. Every browser run is bounded by <c>timeout</c>: a hang is a failure.
/// </summary>
[NonParallelizable]
public class BrowserClientCertificateTests
{
    private const string Pass = "browser pfx pass";
    private string _work = null!;
    private NginxHarness _nginx = null!;
    private int _port;
    private string _chromium = null!;
    private string _pk12util = null!;
    private string _certutil = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        var nginx = Requires.Program("nginx", "/usr/sbin");
        _chromium = Requires.Program("chromium");
        _pk12util = Requires.Program("pk12util");
        _certutil = Requires.Program("certutil");
        Requires.Program("timeout");
        Requires.Program("openssl");
        _work = Directory.CreateTempSubdirectory("kcm-verify-browser-").FullName;
        File.WriteAllText(Path.Combine(_work, "client.pass"), Pass + "\n");
        Succeeds(Run(_work, "ca", "create", "--dir", "ca", "--no-passphrase", "--days", "2", "--key", "p256"));
        Succeeds(Run(_work, "client", "issue", "browser-alice", "--ca-dir", "ca", "--pfx-format", "compatible",
            "--pfx-passphrase-file", "client.pass", "--days", "1"));
        ServerPki.Create(_work);

        _port = NginxHarness.FreePort();
        _nginx = new NginxHarness(nginx, Path.Combine(_work, "nginx"));
        _nginx.Start(_nginx.Config(string.Create(CultureInfo.InvariantCulture, $$"""
              server {
                listen 127.0.0.1:{{_port}} ssl;
                ssl_certificate {{_work}}/server.crt;
                ssl_certificate_key {{_work}}/server.key;
                ssl_client_certificate {{_work}}/ca/ca.crt;
                ssl_verify_client on;
                location / { return 200 "hello $ssl_client_s_dn\n"; }
              }

            """)), [_port]);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _nginx?.Dispose();
        if (_work is not null && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private string Origin => string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{_port}");

    [Test]
    public void Chromium_OurPfxInNssDb_LoadsPageAsTheClient()
    {
        var home = NewHome("with-pfx");
        var import = ProcessRunner.Run(_pk12util,
            ["-i", Path.Combine(_work, "ca/clients/browser-alice.pfx"), "-d", NssDb(home), "-W", Pass], timeout: TimeSpan.FromSeconds(30));
        import.ExitCode.Should().Be(0, import.ToString());

        var page = Browse(home, "profile-with");

        page.Should().Contain("hello").And.Contain("CN=browser-alice");
    }

    [Test]
    public void Chromium_EmptyNssDb_GetsNginx400()
    {
        var home = NewHome("without-pfx");

        var page = Browse(home, "profile-without");

        page.Should().Contain("400 No required SSL certificate was sent").And.NotContain("hello");
    }

    /// <summary>A throw-away HOME with a fresh NSS database that trusts the test server CA.</summary>
    private string NewHome(string name)
    {
        var home = Path.Combine(_work, name);
        Directory.CreateDirectory(Path.Combine(home, ".pki", "nssdb"));
        Check(ProcessRunner.Run(_certutil, ["-N", "-d", NssDb(home), "--empty-password"], timeout: TimeSpan.FromSeconds(30)));
        Check(ProcessRunner.Run(_certutil,
            ["-A", "-d", NssDb(home), "-n", "Verify Test Server CA", "-t", "C,,", "-i", Path.Combine(_work, "server-ca.crt")],
            timeout: TimeSpan.FromSeconds(30)));
        return home;
    }

    private static string NssDb(string home) => "sql:" + Path.Combine(home, ".pki", "nssdb");

    /// <summary>Loads the origin's page with a fresh profile that auto-selects a client certificate for exactly this origin.</summary>
    private string Browse(string home, string profileName)
    {
        var profile = Path.Combine(_work, profileName);
        Directory.CreateDirectory(Path.Combine(profile, "Default"));
        File.WriteAllText(Path.Combine(profile, "Default", "Preferences"),
            """{"profile":{"content_settings":{"exceptions":{"auto_select_certificate":{"ORIGIN,*":{"setting":{"filters":[{}]}}}}}}}"""
                .Replace("ORIGIN", Origin, StringComparison.Ordinal));
        var result = ProcessRunner.Run("timeout",
            ["-k", "5", "30", _chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + profile, "--dump-dom", Origin + "/"],
            environment: new Dictionary<string, string?> { ["HOME"] = home },
            timeout: TimeSpan.FromSeconds(60));
        result.ExitCode.Should().NotBe(124, "chromium hung (no client-certificate auto-selection matched?)\n" + result);
        result.ExitCode.Should().Be(0, result.ToString());
        return result.StandardOutput;
    }

    private static void Check(ProcessResult result) => result.ExitCode.Should().Be(0, result.ToString());
}
