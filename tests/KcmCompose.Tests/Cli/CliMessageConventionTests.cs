using System.Text.RegularExpressions;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>What the CLI prints for errors names options and files, never a builder method, property or type of the library.</summary>
public sealed partial class CliMessageConventionTests : RevokedClientFixture
{
    private static readonly object[] ErrorCases =
    [
        new object[] { "ca create --dir {ca} --key p256 --no-passphrase" },
        new object[] { "ca create --dir {root}/ca2 --key p256 --no-passphrase --days 0" },
        new object[] { "ca create --dir {root}/ca3 --key p256 --no-passphrase --path-length -1" },
        new object[] { "client issue alice --ca-dir {ca} --key p256 --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client issue carol --ca-dir {ca} --key p256 --days 0 --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "client renew bob --ca-dir {ca} --ca-passphrase-env KCM_TEST_CA_PASS --pfx-passphrase-env KCM_TEST_CLIENT_PASS" },
        new object[] { "client sign {root}/missing.csr --ca-dir {ca} -o {root}/x.crt" },
        new object[] { "crl --ca-dir {ca} -o {root}/crl.pem --days 0 --ca-passphrase-env KCM_TEST_CA_PASS" },
        new object[] { "emit --hostname kcm.example.com --verify-client on" },
        new object[] { "emit --hostname bad_host!" },
        new object[] { "emit --hostname kcm.example.com --tls certificate" },
        new object[] { "verify https://127.0.0.1:1/ --timeout 0 --client-pfx {root}/x.pfx" },
        new object[] { "verify http://127.0.0.1:1/ --client-pfx {root}/x.pfx" },
        new object[] { "client-auth enable {root}/missing.yaml --client-ca {ca}/ca.crt" },
        new object[] { "validate {root}/missing.yaml" },
        new object[] { "client revoke bob --ca-dir {ca}" },
        new object[] { "emitt" },
        new object[] { "client" },
    ];

    [OneTimeSetUp]
    public void SetPassphrases()
    {
        Environment.SetEnvironmentVariable("KCM_TEST_CA_PASS", CaPassphrase);
        Environment.SetEnvironmentVariable("KCM_TEST_CLIENT_PASS", "client-pass-1");
    }

    [TestCaseSource(nameof(ErrorCases))]
    public async Task ErrorMessage_NamesNoInternalType(string line)
    {
        var (exit, _, error) = await CliRunner.RunAsync([.. line.Split(' ').Select(a => a
            .Replace("{ca}", Ca.Directory, StringComparison.Ordinal).Replace("{root}", Root, StringComparison.Ordinal))]);

        exit.Should().BeOneOf(1, 2);
        error.Should().NotBeEmpty();
        InternalName().Matches(error).Select(m => m.Value).Should().BeEmpty($"messages speak the user's terms: {error}");
    }

    [TestCase("give one with WithClientCa")]
    [TestCase("pass --force (Force) to replace it")]
    [TestCase("ValidityDays must be between 1 and 36500 days (Parameter 'ValidityDays') Actual value was 0.")]
    [TestCase("unexpected ArgumentOutOfRangeException")]
    public void InternalNamePattern_OldMessages_AreCaught(string message) =>
        InternalName().IsMatch(message).Should().BeTrue();

    // A builder method, a property in parentheses, a PascalCase member or parameter name, an exception type.
    [GeneratedRegex(@"\bWith[A-Z]\w*|\([A-Z][a-z]+(?:[A-Z][a-z]+)*\)|\(Parameter '|Actual value was|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:Days|Length|Path|Passphrase)\b|\w+Exception\b")]
    private static partial Regex InternalName();
}
