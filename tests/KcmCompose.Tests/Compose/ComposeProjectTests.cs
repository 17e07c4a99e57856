using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeProjectTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("kcm-project-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [TestCase(new[] { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" }, "compose.yaml")]
    [TestCase(new[] { "compose.yml", "docker-compose.yml", "docker-compose.yaml" }, "compose.yml")]
    [TestCase(new[] { "docker-compose.yml", "docker-compose.yaml" }, "docker-compose.yml")]
    [TestCase(new[] { "docker-compose.yaml" }, "docker-compose.yaml")]
    public void FindFiles_NoneGiven_TakesComposeV2sFirstName(string[] present, string expected)
    {
        foreach (var name in present)
        {
            Write(name, "services: {}\n");
        }

        ComposeProject.FindFiles(workingDirectory: _folder, environment: NoEnvironment).Should().Equal(Path.Combine(_folder, expected));
    }

    [Test]
    public void FindFiles_OverrideFileBeside_IsMergedAfterIt()
    {
        Write("docker-compose.yml", "services: {}\n");
        Write("docker-compose.override.yml", "services: {}\n");
        Write("compose.override.yaml", "services: {}\n");

        ComposeProject.FindFiles(workingDirectory: _folder, environment: NoEnvironment)
            .Should().Equal(Path.Combine(_folder, "docker-compose.yml"), Path.Combine(_folder, "compose.override.yaml"));
    }

    [Test]
    public void FindFiles_NothingHere_SearchesParentFolders()
    {
        Write("compose.yaml", "services: {}\n");
        var nested = Directory.CreateDirectory(Path.Combine(_folder, "a", "b")).FullName;

        ComposeProject.FindFiles(workingDirectory: nested, environment: NoEnvironment).Should().Equal(Path.Combine(_folder, "compose.yaml"));
    }

    [Test]
    public void FindFiles_ComposeFileVariable_WinsOverTheSearchAndSplitsOnTheSeparator()
    {
        Write("compose.yaml", "services: {}\n");
        var environment = new Dictionary<string, string> { ["COMPOSE_FILE"] = "base.yml;extra.yml", ["COMPOSE_PATH_SEPARATOR"] = ";" };

        ComposeProject.FindFiles(workingDirectory: _folder, environment: environment)
            .Should().Equal(Path.Combine(_folder, "base.yml"), Path.Combine(_folder, "extra.yml"));
    }

    [Test]
    public void FindFiles_ComposeFileInDotEnv_IsReadAsComposeV2Does()
    {
        Write("compose.yaml", "services: {}\n");
        Write("other.yml", "services: {}\n");
        Write(".env", "COMPOSE_FILE=other.yml\n");

        ComposeProject.FindFiles(workingDirectory: _folder, environment: NoEnvironment).Should().Equal(Path.Combine(_folder, "other.yml"));
    }

    [Test]
    public void FindFiles_ComposeFileInProcessAndDotEnv_ProcessWins()
    {
        Write(".env", "COMPOSE_FILE=other.yml\n");
        var environment = new Dictionary<string, string> { ["COMPOSE_FILE"] = "mine.yml" };

        ComposeProject.FindFiles(workingDirectory: _folder, environment: environment).Should().Equal(Path.Combine(_folder, "mine.yml"));
    }

    [Test]
    public void FindFiles_FilesGiven_WinOverComposeFile()
    {
        var environment = new Dictionary<string, string> { ["COMPOSE_FILE"] = "other.yml" };

        ComposeProject.FindFiles(["mine.yml"], _folder, environment).Should().Equal(Path.Combine(_folder, "mine.yml"));
    }

    [Test]
    public void FindFiles_NoFileAnywhere_NamesTheSearchedNames()
    {
        var act = () => ComposeProject.FindFiles(workingDirectory: _folder, environment: NoEnvironment);

        // The search continues into the parents of the temporary folder, which hold no compose file.
        ComposeProject.DefaultFileNames.Should().NotContain(n => AncestorHas(_folder, n));
        act.Should().Throw<FileNotFoundException>().WithMessage("*compose.yaml*docker-compose.yml*-f*COMPOSE_FILE*");
    }

    [TestCase("-p wins", "given", "from-env", "from-file", "given")]
    [TestCase("COMPOSE_PROJECT_NAME next", null, "from-env", "from-file", "from-env")]
    [TestCase("name: next", null, null, "from-file", "from-file")]
    [TestCase("folder last", null, null, null, null)]
    public async Task LoadAsync_ProjectName_InComposesOrder(string _, string? given, string? fromEnvironment, string? topLevel, string? expected)
    {
        Write("compose.yaml", (topLevel is null ? string.Empty : $"name: {topLevel}\n") + "services:\n  web:\n    image: nginx\n    labels:\n      project: ${COMPOSE_PROJECT_NAME}\n");
        var environment = fromEnvironment is null ? NoEnvironment : new Dictionary<string, string> { ["COMPOSE_PROJECT_NAME"] = fromEnvironment };

        var project = await ComposeProject.LoadAsync(projectName: given, workingDirectory: _folder, environment: environment);

        var name = expected ?? ComposeProjectName.Normalize(Path.GetFileName(_folder));
        project.Name.Should().Be(name);
        project.Variables["COMPOSE_PROJECT_NAME"].Should().Be(fromEnvironment ?? name, "${COMPOSE_PROJECT_NAME} interpolates to the project name");
    }

    [Test]
    public async Task LoadAsync_SeveralFiles_MergesAsComposeDoesAndKeepsEachFilesLocations()
    {
        Write("compose.yaml", """
            services:
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                command: ["a", "b"]
                environment:
                  - A=1
                  - B=2
                volumes:
                  - ./one:/data
                  - ./ca.pem:/certs/ca.pem:ro
                ports:
                  - "443:443"
            """);
        Write("override.yaml", """
            services:
              ssl:
                command: ["c"]
                environment:
                  - B=3
                  - C=4
                volumes:
                  - ./two:/data
                ports:
                  - "443:443"
                  - "80:80"
            """);

        var project = await ComposeProject.LoadAsync([Path.Combine(_folder, "compose.yaml"), Path.Combine(_folder, "override.yaml")], environment: NoEnvironment);

        var ssl = (ComposeMapping)((ComposeMapping)project.Document.Root["services"]!)["ssl"]!;
        Texts(ssl["command"]).Should().Equal("c");
        Texts(ssl["environment"]).Should().Equal("A=1", "B=3", "C=4");
        Texts(ssl["volumes"]).Should().Equal("./two:/data", "./ca.pem:/certs/ca.pem:ro");
        Texts(ssl["ports"]).Should().Equal("443:443", "80:80");
        ((ComposeSequence)ssl["environment"]!).Items[1].Location!.Value.File.Should().EndWith("override.yaml");
        ((ComposeSequence)ssl["environment"]!).Items[0].Location!.Value.File.Should().EndWith("compose.yaml");
    }

    [Test]
    public async Task LoadAsync_ListAndMappingEnvironment_MergeByName()
    {
        Write("compose.yaml", "services:\n  web:\n    image: nginx\n    environment:\n      - A=1\n      - B=2\n");
        Write("override.yaml", "services:\n  web:\n    environment:\n      B: '3'\n");

        var project = await ComposeProject.LoadAsync([Path.Combine(_folder, "compose.yaml"), Path.Combine(_folder, "override.yaml")], environment: NoEnvironment);

        var environment = (ComposeMapping)((ComposeMapping)((ComposeMapping)project.Document.Root["services"]!)["web"]!)["environment"]!;
        environment.Entries.Select(e => $"{e.Key.Value}={((ComposeScalar)e.Value).Value}").Should().Equal("A=1", "B=3");
    }

    private static readonly Dictionary<string, string> NoEnvironment = new(StringComparer.Ordinal);

    private static IEnumerable<string> Texts(ComposeNode? node) => ((ComposeSequence)node!).Items.Select(i => ((ComposeScalar)i).Value);

    private static bool AncestorHas(string folder, string name)
    {
        for (var dir = Path.GetDirectoryName(folder); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, name)))
            {
                return true;
            }
        }

        return false;
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text.Replace("\r\n", "\n", StringComparison.Ordinal));
}
