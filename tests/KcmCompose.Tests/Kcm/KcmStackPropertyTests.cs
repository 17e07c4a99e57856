using CsCheck;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmStackPropertyTests
{
    /// <summary>Text with everything that tends to break YAML or Compose: $, ${, braces, quotes, colons, #, line breaks, YAML keywords.</summary>
    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.String[Gen.Char["$ {}\"'\\:#-?|>&*!%@`\n\tabcXYZ019;=~,[]"], 1, 40],
        Gen.OneOf(((string[])["on", "off", "Y", "n", "yes", "~", "null", "0755", "1:30", "1e3", ".inf", "$", "$$", "${X}", "$ssl_client_verify", " leading", "trailing ", "-", "- a", "a: b", "#c"]).Select(Gen.Const).ToArray()));

    [Test]
    public void ToYamlThenRead_HostileLiterals_GiveTheSameModel()
    {
        Gen.Select(Hostile, Hostile, Hostile).Sample((config, extra, password) =>
        {
            var stack = KcmTestStacks.Base()
                .WithClientCa("/ca.pem")
                .WithAdditionalNginxConfig(config)
                .WithExtraEnvironment(KcmServiceRole.Proxy, "EXTRA", EnvironmentValue.Literal(extra))
                .WithDatabasePassword(EnvironmentValue.Literal(password.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal) + "x"))
                .Build();

            var read = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

            return read.IsClean && read.Stack == stack;
        }, iter: 300);
    }

    [Test]
    public void ToYamlThenRead_PostgresWithAnyVolumes_GiveTheSameModel()
    {
        var volume = Gen.OneOf(Gen.Const((string?)null), Gen.String[Gen.Char["abcXYZ019_.-"], 0, 12].Select(s => (string?)("v" + s)));
        Gen.Select(volume, volume, Hostile).Sample((data, shared, password) =>
        {
            if (data is not null && data == shared)
            {
                return true;
            }

            var stack = KcmTestStacks.PostgresBase()
                .WithDataVolume(data)
                .WithGuacamoleVolume(shared)
                .WithPostgresPassword(EnvironmentValue.Literal(password.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal) + "x"))
                .Build();

            var read = KcmStackReader.Read(ComposeDocument.Parse(stack.ToYaml()));

            return read.IsClean && read.Stack == stack;
        }, iter: 300);
    }
}
