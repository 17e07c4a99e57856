using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>Exit 2 for every missing input (the command could not run), 1 for refusals, as docs/cli.md says.</summary>
public sealed class CliExitCodeTests : RevokedClientFixture
{
    // {ca} is the CA folder, {compose} the compose file, {root} a scratch folder; 'missing' names do not exist.
    private static readonly object[] MissingInputs =
    [
        new object[] { "client sign {root}/missing.csr --ca-dir {ca} -o {root}/out.crt --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client issue carol --ca-dir {root}/missing-ca" },
        new object[] { "client issue carol --ca-dir {ca} --ca-passphrase-file {root}/missing.pass" },
        new object[] { "client list --ca-dir {root}/missing-ca" },
        new object[] { "client renew alice --ca-dir {root}/missing-ca" },
        new object[] { "client revoke alice --ca-dir {root}/missing-ca" },
        new object[] { "client revoke alice --ca-dir {ca} --compose {root}/missing.yaml --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client renew alice --ca-dir {ca} --revoke-old --compose {root}/missing.yaml --ca-passphrase-env KCM_TEST_CA_PASS --pfx-passphrase-env KCM_TEST_CLIENT_PASS" },
        new object[] { "crl --ca-dir {root}/missing-ca -o {root}/crl.pem" },
        new object[] { "ca create --dir {root}/new-ca --passphrase-file {root}/missing.pass" },
        new object[] { "client request carol --out-dir {root} --passphrase-file {root}/missing.pass" },
        new object[] { "validate {root}/missing.yaml" },
        new object[] { "validate {compose} --crl {root}/missing.pem" },
        new object[] { "validate {compose} --ca-dir {root}/missing-ca" },
        new object[] { "check-client {root}/missing.crt {compose}" },
        new object[] { "client-auth enable -f {root}/missing.yaml --client-ca {root}/ca.pem" },
        new object[] { "apply {root}/missing.yaml" },
        new object[] { "emit --hostname kcm.example.com --additional-nginx-config-file {root}/missing.conf" },
        new object[] { "verify https://127.0.0.1:1/ --client-pfx {root}/missing.pfx" },
    ];

    private static readonly object[] Refusals =
    [
        new object[] { "client revoke bob --ca-dir {ca}" },
        new object[] { "client issue alice --ca-dir {ca} --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client revoke nobody --ca-dir {ca}" },
    ];

    [OneTimeSetUp]
    public void SetPassphrases()
    {
        Environment.SetEnvironmentVariable("KCM_TEST_CA_PASS", CaPassphrase);
        Environment.SetEnvironmentVariable("KCM_TEST_CLIENT_PASS", "client-pass-1");
    }

    [TestCaseSource(nameof(MissingInputs))]
    public async Task Command_MissingInput_ExitsTwoWithOneLine(string line)
    {
        var (exit, _, error) = await CliRunner.RunAsync(Expand(line));

        exit.Should().Be(2, error);
        error.Should().StartWith("kcm-compose").And.NotContain("   at ");
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Command_Refusal_ExitsOne(string line)
    {
        var (exit, _, error) = await CliRunner.RunAsync(Expand(line));

        exit.Should().Be(1, error);
        error.Should().StartWith("kcm-compose");
    }

    private string[] Expand(string line) =>
        [.. line.Split(' ').Select(a => a.Replace("{ca}", Ca.Directory, StringComparison.Ordinal)
            .Replace("{compose}", ComposeFile, StringComparison.Ordinal)
            .Replace("{root}", Root, StringComparison.Ordinal))];
}
