using System.IO.Compression;
using System.Xml.Linq;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Packaging;

/// <summary>
/// The packages as a user gets them: eng/pack.sh's output (or KCM_PACKAGES, which .ci/run packs first), installed with
/// <c>dotnet tool install --add-source</c> from a NuGet configuration that knows only that folder, then run. A file the
/// tool needs and the package lacks fails here.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ToolPackageTests
{
    private string work = null!;
    private string packages = null!;

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "KcmCompose.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("KcmCompose.sln not found above the test folder.");
        }
    }

    [OneTimeSetUp]
    public void PackOnce()
    {
        work = Directory.CreateTempSubdirectory("kcm-pack-test-").FullName;
        packages = Environment.GetEnvironmentVariable("KCM_PACKAGES") is { Length: > 0 } given && Directory.Exists(given)
            ? given
            : Pack(Path.Combine(work, "packages"));
    }

    [OneTimeTearDown]
    public void CleanUp() => Directory.Delete(work, recursive: true);

    [Test]
    public void Packages_AllFive_CarryReadmeRepositoryTagsAndSymbols()
    {
        var version = Version();
        version.Should().StartWith("0.", "versions stay 0.x until the API is frozen");
        foreach (var id in new[] { "KcmCompose", "KcmCompose.Cli", "KcmCompose.Cli.any", "KcmCompose.Cli.linux-x64" })
        {
            var nuspec = Nuspec(Path.Combine(packages, $"{id}.{version}.nupkg"), id);
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            metadata.Element(ns + "readme")!.Value.Should().Be("PACKAGE.md", id);
            metadata.Element(ns + "projectUrl")!.Value.Should().StartWith("https://", id);
            metadata.Element(ns + "repository")!.Attribute("url")!.Value.Should().StartWith("https://", id);
            metadata.Element(ns + "repository")!.Attribute("commit")!.Value.Should().MatchRegex("^[0-9a-f]{40}$", id);
            metadata.Element(ns + "tags")!.Value.Should().Contain("kcm", id);
            metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace(id);
        }

        Entries($"KcmCompose.{version}.snupkg").Should().Contain("lib/net10.0/KcmCompose.pdb");
        Entries($"KcmCompose.Cli.any.{version}.snupkg").Should().Contain(e => e.EndsWith("/kcm-compose.pdb", StringComparison.Ordinal));
        Entries($"KcmCompose.{version}.nupkg").Should().Contain(["PACKAGE.md", "lib/net10.0/KcmCompose.dll", "lib/net10.0/KcmCompose.xml"]);
        Entries($"KcmCompose.Cli.linux-x64.{version}.nupkg").Should().Contain("tools/any/linux-x64/kcm-compose")
            .And.NotContain(e => e.EndsWith(".dbg", StringComparison.Ordinal) || e.EndsWith(".dll", StringComparison.Ordinal), "the NativeAOT package is one stripped binary");
    }

    [Test]
    public void ToolInstall_OnLinuxX64_InstallsTheNativeAotBinaryThatRuns()
    {
        var tool = Install(packages, "native");

        new FileInfo(tool).ResolveLinkTarget(returnFinalTarget: true)!.FullName.Should().Contain("linux-x64");
        File.ReadAllBytes(tool).AsSpan(0, 4).ToArray().Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F']);
        Directory.GetFiles(Path.GetDirectoryName(new FileInfo(tool).ResolveLinkTarget(true)!.FullName)!, "*.dll").Should().BeEmpty();
        RunVersionEmitValidate(tool);
    }

    [Test]
    public void ToolInstall_FrameworkDependentPackage_Runs()
    {
        // What every platform without a native package gets through the pointer package (NativeAOT cannot be
        // cross-compiled, and `dotnet tool install --arch` takes no Linux RID): installed here by its own id.
        var tool = Install(packages, "any", "KcmCompose.Cli.any");

        Directory.GetFiles(Path.Combine(work, "any"), "kcm-compose.dll", SearchOption.AllDirectories).Should().ContainSingle();
        RunVersionEmitValidate(tool);
    }

    private void RunVersionEmitValidate(string tool)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, "run-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var openssl = Requires.Program("openssl");

        var version = ProcessRunner.Run(tool, ["--version"], folder);
        version.ExitCode.Should().Be(0, version.ToString());
        version.StandardOutput.Trim().Should().StartWith(Version() + "+");

        var ca = ProcessRunner.Run(
            openssl,
            ["req", "-x509", "-newkey", "rsa:4096", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Pack Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            folder);
        ca.ExitCode.Should().Be(0, ca.ToString());

        var emit = ProcessRunner.Run(tool, ["emit", "--hostname", "kcm.example.com", "--client-ca", "./ca.pem", "-o", "docker-compose.yml"], folder);
        emit.ExitCode.Should().Be(0, emit.ToString());
        File.ReadAllText(Path.Combine(folder, "docker-compose.yml")).Should().Contain("CLIENT_CERTIFICATE_FILE");

        var validate = ProcessRunner.Run(tool, ["validate", "docker-compose.yml"], folder);
        validate.ExitCode.Should().Be(0, validate.ToString());
        validate.StandardOutput.Should().Contain("0 errors");
    }

    private string Install(string feed, string name, string id = "KcmCompose.Cli")
    {
        var config = Path.Combine(work, name + ".nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var toolPath = Path.Combine(work, name);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // A private package cache: a package packed again under the same version must not come from an old copy.
            ["NUGET_PACKAGES"] = Path.Combine(work, name + "-nuget"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var install = ProcessRunner.Run(
            "dotnet",
            ["tool", "install", id, "--tool-path", toolPath, "--configfile", config, "--add-source", feed, "--version", Version()],
            work,
            environment,
            timeout: TimeSpan.FromMinutes(3));
        install.ExitCode.Should().Be(0, install.ToString());
        return Path.Combine(toolPath, "kcm-compose");
    }

    private string Version()
    {
        const string prefix = "KcmCompose.Cli.linux-x64.";
        var file = Directory.GetFiles(packages, prefix + "*.nupkg").Should().ContainSingle().Subject;
        return Path.GetFileName(file)[prefix.Length..^".nupkg".Length];
    }

    private List<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(packages, package));
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    private static XDocument Nuspec(string package, string id)
    {
        File.Exists(package).Should().BeTrue($"{Path.GetFileName(package)} is packed");
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static string Pack(string output)
    {
        Requires.Program("clang"); // NativeAOT links with clang; .ci/run installs it.
        var pack = ProcessRunner.Run("bash", [Path.Combine(RepositoryRoot, "eng", "pack.sh"), output], RepositoryRoot, timeout: TimeSpan.FromMinutes(25));
        pack.ExitCode.Should().Be(0, pack.ToString());
        return output;
    }
}
