using System.CommandLine;
using System.Text.Json.Nodes;
using KcmCompose.Certificates;
using KcmCompose.Cli.Conventions;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose crl</c>: writes a CRL of the revoked client certificates.</summary>
internal static class CrlCommand
{
    public static Command Create()
    {
        var caDir = PkiCommandSupport.CaDirOption();
        var output = new Option<string>("--output", "-o") { Description = "The CRL file to write (PEM); replaced if it exists.", Required = true };
        var days = new Option<int>("--days") { Description = "Days until the CRL's next update (default 30).", DefaultValueFactory = _ => 30 };
        var caPassphrase = PkiCommandSupport.PassphraseOptions.Create("ca-passphrase", "passphrase of ca.key");

        var command = new Command("crl", "Write a CRL listing every revoked client certificate, signed by the CA.");
        command.Options.Add(caDir);
        command.Options.Add(output);
        command.Options.Add(days);
        command.Options.Add(CommandOutput.FormatOption());
        caPassphrase.AddTo(command);
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var passphrase = await PkiCommandSupport.CaPassphraseAsync(parse, caPassphrase, authority, cancellationToken).ConfigureAwait(false);
            var result = await authority.WriteCrlAsync(
                new CrlOptions { OutputPath = parse.GetValue(output)!, CaPassphrase = passphrase, NextUpdateDays = parse.GetValue(days) },
                cancellationToken).ConfigureAwait(false);
            var printer = CommandOutput.For(parse);
            printer.Line($"Wrote CRL #{result.CrlNumber} to {result.Path}: {result.RevokedCount} revoked; next update due {PkiCommandSupport.Date(result.NextUpdate)} (publish a new one before then).");
            await printer.WriteJsonAsync(RevocationPublishing.CrlJson(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
