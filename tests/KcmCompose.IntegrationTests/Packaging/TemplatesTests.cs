using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Docker;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Packaging;

/// <summary>
/// The template package works from its packed files: pack KcmCompose (a version unique to this run, so no cached
/// package can stand in for it) and KcmCompose.Templates into a folder, <c>dotnet new install</c> the template
/// .nupkg into a private hive (the machine's template list is untouched), instantiate both templates into a
/// stand-in deployment repository whose nuget.config adds that folder, build them, run the console app's
/// commands and the test project.
/// </summary>
[NonParallelizable]
public class TemplatesTests
{
    private string _work = null!;
    private string _hive = null!;
    private string _repository = null!;
    private string _version = null!;
    private string _deploy = null!;

    [OneTimeSetUp]
    public void PackAndInstall()
    {
        var root = DotnetCli.RepositoryRoot();
        _work = Directory.CreateTempSubdirectory("kcm-templates-").FullName;
        var feed = Path.Combine(_work, "feed");
        _hive = Path.Combine(_work, "hive");
        _repository = Path.Combine(_work, "repo");
        Directory.CreateDirectory(_repository);
        _version = "0.0.0-templatetest." + Guid.NewGuid().ToString("N")[..12];
        // --no-restore: the test run's build restored the library already; restoring with another version would rewrite its obj/project.assets.json.
        DotnetCli.Succeed(root, ["pack", "src/KcmCompose/KcmCompose.csproj", "-c", "Release", "--no-restore", "-o", feed, $"-p:MinVerVersionOverride={_version}", "--disable-build-servers", "-nodeReuse:false", "-v:q"], timeout: TimeSpan.FromMinutes(5));
        DotnetCli.Succeed(root, ["pack", "templates/KcmCompose.Templates.csproj", "-o", feed, "--disable-build-servers", "-nodeReuse:false", "-v:q"], timeout: TimeSpan.FromMinutes(5));
        var templatePackage = Directory.GetFiles(feed, "KcmCompose.Templates.*.nupkg").Should().ContainSingle().Subject;

        var install = DotnetCli.Succeed(_work, ["new", "install", templatePackage, "--debug:custom-hive", _hive]);
        install.StandardOutput.Should().Contain("kcm-deploy").And.Contain("kcm-compose-tests");

        // The deployment repository restores KcmCompose from the packed folder and everything else from the usual sources.
        File.WriteAllText(Path.Combine(_repository, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kcm-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        New("kcm-deploy", "Acme.Deploy", "deploy");
        New("kcm-compose-tests", "Acme.Deploy.Tests", "tests");
        DotnetCli.Succeed(_repository, ["build", "deploy", "--disable-build-servers", "-nodeReuse:false", "-v:q"], timeout: TimeSpan.FromMinutes(5));
        _deploy = Path.Combine(_repository, "deploy", "bin", "Debug", "net10.0", "Acme.Deploy.dll");
    }

    [OneTimeTearDown]
    public void Remove()
    {
        Directory.Delete(_work, recursive: true);
        // The run's unique KcmCompose version was extracted into the global packages folder; leave nothing behind.
        var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "kcmcompose", _version);
        if (Directory.Exists(cached))
        {
            Directory.Delete(cached, recursive: true);
        }

        var id = Path.GetDirectoryName(cached)!;
        if (Directory.Exists(id) && !Directory.EnumerateFileSystemEntries(id).Any())
        {
            Directory.Delete(id);
        }
    }

    [Test]
    public void Instantiated_BothTemplates_ReferenceThePackedLibraryByPackage()
    {
        File.ReadAllText(Path.Combine(_repository, "deploy", "Acme.Deploy.csproj")).Should().Contain($"<PackageReference Include=\"KcmCompose\" Version=\"{_version}\" />");
        File.ReadAllText(Path.Combine(_repository, "tests", "Acme.Deploy.Tests.csproj")).Should().Contain($"<PackageReference Include=\"KcmCompose\" Version=\"{_version}\" />");
        File.ReadAllText(Path.Combine(_repository, "tests", "ComposeFileTests.cs")).Should().Contain("namespace Acme.Deploy.Tests;");
    }

    [Test]
    public async Task KcmDeploy_EmitThenValidate_WritesValidClientAuthStack()
    {
        var ca = await CaAsync("emit");
        var file = Path.Combine(_work, "emit", "docker-compose.yml");

        var emit = Deploy("emit", "--hostname", "kcm.example.com", "--client-ca", ca, "--output", file);

        emit.ExitCode.Should().Be(0, emit.ToString());
        emit.StandardOutput.Should().Contain("valid");
        File.ReadAllText(file).Should().Contain("SSL_VERIFY_CLIENT: \"on\"").And.Contain(ca);
        var validate = Deploy("validate", file);
        validate.ExitCode.Should().Be(0, validate.ToString());

        File.WriteAllText(file, File.ReadAllText(file).Replace("SSL_VERIFY_CLIENT: \"on\"", "SSL_VERIFY_CLIENT: \"maybe\"", StringComparison.Ordinal));
        var invalid = Deploy("validate", file);
        invalid.ExitCode.Should().Be(1, invalid.ToString());
        invalid.StandardOutput.Should().Contain("verify-client-invalid");
    }

    [Test]
    public void KcmDeploy_NoCommand_PrintsUsageAndExits2()
    {
        var result = Deploy();

        result.ExitCode.Should().Be(2);
        result.StandardError.Should().Contain("usage: Acme.Deploy emit", "the project name replaces the template's");
    }

    [Test]
    public void KcmDeploy_ApplyDryRun_PlansAgainstTheRunningProxy()
    {
        using var stack = new ComposeTestProject();
        stack.Up();
        stack.Environment["SSL_VERIFY_DEPTH"] = "3";
        stack.WriteFile();

        var result = Deploy("apply", stack.FilePath, "--dry-run", "--project", stack.Name);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain("SSL_VERIFY_DEPTH: 2 -> 3").And.Contain("Recreate: Planned");
        ComposeTestProject.Inspect(stack.ContainerId(), "{{range .Config.Env}}{{println .}}{{end}}").Should().Contain("SSL_VERIFY_DEPTH=2");
    }

    [Test]
    public async Task KcmComposeTests_DeploymentRepository_PassesThenFailsOnABrokenFile()
    {
        var ca = await CaAsync("guard");
        Deploy("emit", "--hostname", "kcm.example.com", "--client-ca", ca, "--output", Path.Combine(_repository, "production", "docker-compose.yml"))
            .ExitCode.Should().Be(0);
        var tests = Path.Combine(_repository, "tests");

        var good = DotnetCli.Run(tests, ["test", "--disable-build-servers", "-nodeReuse:false"], timeout: TimeSpan.FromMinutes(5));

        good.ExitCode.Should().Be(0, good.ToString());
        good.StandardOutput.Should().Contain("Passed:     2");

        var staging = Path.Combine(_repository, "staging");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "compose.yaml"), File.ReadAllText(Path.Combine(_repository, "production", "docker-compose.yml"))
            .Replace("SSL_VERIFY_CLIENT: \"on\"", "SSL_VERIFY_CLIENT: \"maybe\"", StringComparison.Ordinal));
        try
        {
            var bad = DotnetCli.Run(tests, ["test", "--no-build"], timeout: TimeSpan.FromMinutes(3));

            bad.ExitCode.Should().NotBe(0, bad.ToString());
            bad.StandardOutput.Should().Contain("Validate(staging/compose.yaml)").And.Contain("verify-client-invalid");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private void New(string template, string name, string folder) =>
        DotnetCli.Succeed(_repository, ["new", template, "-n", name, "-o", folder, "--kcm-version", _version, "--debug:custom-hive", _hive]);

    private ProcessResult Deploy(params string[] arguments) =>
        DotnetCli.Run(_work, [_deploy, .. arguments], timeout: TimeSpan.FromMinutes(3));

    private async Task<string> CaAsync(string folder)
    {
        var ca = new CertificateAuthority(Path.Combine(_work, folder, "pki"));
        var created = await ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Unencrypted = true });
        return created.CertificatePath;
    }
}
