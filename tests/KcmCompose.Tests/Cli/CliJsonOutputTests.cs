using System.Text.Json;
using System.Text.RegularExpressions;
using KcmCompose.Cli.Commands;
using KcmCompose.Docker;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>
/// <c>--format json</c> prints one parseable object whose top-level fields are the row of docs/cli.md for the command,
/// for every command that prints a result.
/// </summary>
public sealed partial class CliJsonOutputTests : RevokedClientFixture
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));

    // (row of docs/cli.md, command line); {ca} the CA folder, {compose} the compose file, {root} a scratch folder.
    private static readonly object[] Cases =
    [
        new object[] { "version", "version" },
        new object[] { "emit", "emit --hostname kcm.example.com" },
        new object[] { "emit", "emit --hostname kcm.example.com -o {root}/out.yml" },
        new object[] { "init", "init {root}/kcm --hostname kcm.example.com --clients alice,bob --ca-key p256 --client-key p256" },
        new object[] { "validate", "validate {compose}" },
        new object[] { "check-client", "check-client {ca}/clients/alice.crt {compose}" },
        new object[] { "ca create", "ca create --dir {root}/new-ca --key p256 --passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "ca create", "ca create --dir {root}/new-ca --key p256" },
        new object[] { "client issue", "client issue carol --ca-dir {ca} --key p256 --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client renew", "client renew alice --ca-dir {ca} --ca-passphrase-env KCM_TEST_CA_PASS --pfx-passphrase-env KCM_TEST_CLIENT_PASS" },
        new object[] { "client renew", "client renew alice --ca-dir {ca} --revoke-old --compose {compose} --ca-passphrase-env KCM_TEST_CA_PASS --pfx-passphrase-env KCM_TEST_CLIENT_PASS" },
        new object[] { "client request", "client request dave --out-dir {root} --key p256 --passphrase-env KCM_TEST_CLIENT_PASS" },
        new object[] { "client sign", "client sign {root}/dave.csr --ca-dir {ca} -o {root}/dave.crt --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client list", "client list --ca-dir {ca}" },
        new object[] { "client revoke", "client revoke alice --ca-dir {ca}" },
        new object[] { "client revoke", "client revoke alice --ca-dir {ca} --compose {compose} --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client revoke --dry-run", "client revoke alice --ca-dir {ca} --compose {compose} --dry-run" },
        new object[] { "crl", "crl --ca-dir {ca} -o {root}/crl.pem --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client-auth enable", "client-auth enable {compose} --client-ca {ca}/ca.crt --dry-run" },
        new object[] { "client-auth enable", "client-auth enable {compose} --client-ca {ca}/ca.crt --verify-depth 2" },
        new object[] { "client-auth disable", "client-auth disable {compose}" },
    ];

    [OneTimeSetUp]
    public void SetPassphrases()
    {
        Environment.SetEnvironmentVariable("KCM_TEST_CA_PASS", CaPassphrase);
        Environment.SetEnvironmentVariable("KCM_TEST_CLIENT_PASS", "client-pass-1");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Command_FormatJson_PrintsOneObjectWithTheDocumentedFields(string row, string line)
    {
        if (row == "client sign")
        {
            (await CliRunner.RunAsync(Expand("client request dave --out-dir {root} --key p256 --passphrase-env KCM_TEST_CLIENT_PASS"))).Exit.Should().Be(0);
        }

        var (exit, output, error) = await CliRunner.RunAsync([.. Expand(line), "--format", "json"]);

        exit.Should().Be(0, error);
        using var json = JsonDocument.Parse(output);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        var fields = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        var (required, allowed, open) = Documented(row);
        fields.Should().Contain(required, $"docs/cli.md documents them for '{row}'");
        if (!open)
        {
            fields.Should().BeSubsetOf(allowed, $"docs/cli.md must document every field of '{row}'");
        }
    }

    [Test]
    public void ApplyJson_UpdateResult_HasTheDocumentedFields()
    {
        // apply and restart need a Docker daemon; their JSON is the same function of the result.
        var result = new UpdateResult(new ServiceTarget("kcm", "ssl"), ApplyAction.Recreate, UpdateOutcome.Recreated, "abc", "recreated")
        {
            Differences = [new ConfigurationDifference(ConfigurationAspect.Environment, "SSL_VERIFY_DEPTH", "2", null)],
        };

        var json = JsonDocument.Parse(KcmCompose.Cli.Conventions.CommandOutput.ToJson(DockerCommandSupport.ResultJson(result))).RootElement;

        json.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(Documented("apply").Required);
        json.GetProperty("differences")[0].GetProperty("actual").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("target").GetProperty("service").GetString().Should().Be("ssl");
    }

    [Test]
    public async Task ClientList_FormatJson_ListsStatusAndDaysLeft()
    {
        var (_, output, _) = await CliRunner.RunAsync("client", "list", "--ca-dir", Ca.Directory, "--format", "json");

        var certificates = JsonDocument.Parse(output).RootElement.GetProperty("certificates").EnumerateArray().ToList();
        certificates.Select(c => c.GetProperty("name").GetString()).Should().Equal("alice", "bob");
        certificates[1].GetProperty("status").GetString().Should().Be("revoked");
        certificates[1].GetProperty("daysLeft").ValueKind.Should().Be(JsonValueKind.Null);
        certificates[0].GetProperty("daysLeft").GetInt32().Should().BePositive();
    }

    [Test]
    public async Task CaCreate_FormatJsonWithGeneratedPassphrase_PutsItInTheObjectOnly()
    {
        var (_, output, _) = await CliRunner.RunAsync("ca", "create", "--dir", Path.Combine(Root, "gen-ca"), "--key", "p256", "--format", "json");

        var json = JsonDocument.Parse(output).RootElement;
        json.GetProperty("generatedPassphrase").GetString().Should().NotBeNullOrEmpty();
        output.TrimStart().Should().StartWith("{");
    }

    [Test]
    public void CommandsWithFormat_AllHaveARowInTheDocs()
    {
        var root = KcmCompose.Cli.CliApp.CreateRootCommand();
        var withFormat = Leaves(root, string.Empty).Where(c => c.Command.Options.Any(o => o.Name == "--format")).Select(c => c.Path).ToList();

        withFormat.Should().HaveCountGreaterThanOrEqualTo(17);
        withFormat.Where(path => !Rows().ContainsKey(path)).Should().BeEmpty("every command with --format json needs a row in docs/cli.md");
    }

    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Leaves(System.CommandLine.Command command, string path)
    {
        foreach (var sub in command.Subcommands)
        {
            var name = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            yield return (name, sub);
            foreach (var leaf in Leaves(sub, name))
            {
                yield return leaf;
            }
        }
    }

    private static Dictionary<string, string> Rows() =>
        RowPattern().Matches(Docs).ToDictionary(m => m.Groups["command"].Value, m => m.Groups["fields"].Value);

    /// <summary>The fields the row names (before any "with `--option`" part: those come only with the option), all it may name, and whether it is open (…).</summary>
    private static (string[] Required, string[] Allowed, bool Open) Documented(string row)
    {
        var cell = Rows()[row];
        cell = cell.Split(" — ")[0];
        cell = NestedPattern().Replace(cell, string.Empty);
        if (cell.StartsWith("as `", StringComparison.Ordinal))
        {
            var other = cell[4..cell.IndexOf('`', 4)];
            var (required, allowed, open) = Documented(other);
            var rest = Documented(cell, skipReference: true);
            return ([.. required, .. rest.Required], [.. allowed, .. rest.Allowed], open);
        }

        var own = Documented(cell, skipReference: false);
        return (own.Required, own.Allowed, cell.Contains('…', StringComparison.Ordinal));
    }

    private static (string[] Required, string[] Allowed) Documented(string cell, bool skipReference)
    {
        string[] Names(string text) =>
            [.. FieldPattern().Matches(text).Select(m => m.Groups[1].Value).Where(f => !f.StartsWith('-') && !f.Contains(' ', StringComparison.Ordinal))];
        var withOption = cell.IndexOf(" with `--", StringComparison.Ordinal);
        var required = Names(withOption < 0 ? cell : cell[..withOption]);
        return (required, Names(cell));
    }

    private string[] Expand(string line) =>
        [.. line.Split(' ').Select(a => a.Replace("{ca}", Ca.Directory, StringComparison.Ordinal)
            .Replace("{compose}", ComposeFile, StringComparison.Ordinal)
            .Replace("{root}", Root, StringComparison.Ordinal))];

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string callerFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "..", ".."));

    [GeneratedRegex(@"^\| `(?<command>[a-z][a-z -]*(?: --dry-run)?)` \| (?<fields>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@" \([^()]*\)")]
    private static partial Regex NestedPattern();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex FieldPattern();
}
