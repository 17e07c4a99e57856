using KcmCompose.Compose;

namespace KcmCompose.Tests.Compose;

public class ComposeProjectNameTests
{
    [TestCase("KCM", "kcm")]
    [TestCase("my.project name", "myprojectname")]
    [TestCase("__-Stack_1", "stack_1")]
    [TestCase("kcm-prod_2", "kcm-prod_2")]
    [TestCase("ÄÖÜ", "")]
    public void Normalize_Name_KeepsOnlyComposeCharacters(string name, string expected) =>
        ComposeProjectName.Normalize(name).Should().Be(expected);

    [TestCase("Explicit", "FromEnv", "top", "explicit")]
    [TestCase(null, "FromEnv", "top", "fromenv")]
    [TestCase(null, null, "Top.Level", "toplevel")]
    [TestCase(null, null, null, "my_kcm-folder")]
    [TestCase(null, "", "", "my_kcm-folder")]
    [TestCase("!!!", null, null, "my_kcm-folder")]
    public void Resolve_Candidates_FirstUsableWinsInComposeOrder(string? explicitName, string? environmentName, string? topLevel, string expected)
    {
        var environment = new Dictionary<string, string?> { ["COMPOSE_PROJECT_NAME"] = environmentName };
        var file = Path.Combine(Path.GetTempPath(), "My_KCM-Folder", "docker-compose.yml");

        ComposeProjectName.Resolve(file, explicitName, topLevel, environment).Should().Be(expected);
    }
}
