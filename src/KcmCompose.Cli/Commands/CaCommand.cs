using System.CommandLine;
using System.Text.Json.Nodes;
using KcmCompose.Certificates;
using KcmCompose.Cli.Conventions;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose ca create</c>: a new client-certificate CA in a folder.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var command = new Command("ca", "Manage the CA that issues client certificates.");
        command.Subcommands.Add(CreateCreate());
        return command;
    }

    private static Command CreateCreate()
    {
        var dir = new Option<string>("--dir") { Description = "The CA folder to create (ca.crt, ca.key, index.json).", Required = true };
        var key = PkiCommandSupport.KeyOption("rsa4096", "CA");
        var days = PkiCommandSupport.DaysOption("Days the CA certificate is valid (default 365).");
        var subject = new Option<string>("--subject")
        {
            Description = "CA subject, OpenSSL form: \"/C=US/O=Example/CN=KCM Client CA\" (fields C ST L O OU CN emailAddress, all optional).",
            DefaultValueFactory = _ => "/CN=KCM Client CA",
        };
        var pathLength = new Option<int?>("--path-length") { Description = "BasicConstraints path length (default: none)." };
        var passphrase = PkiCommandSupport.PassphraseOptions.Create("passphrase", "passphrase that encrypts ca.key");
        var save = new Option<string>("--save-passphrase") { Description = "When a passphrase is generated, write it to this new 0600 file instead of printing it." };
        var noPassphrase = new Option<bool>("--no-passphrase") { Description = "Write ca.key unencrypted (0600). Only for keys kept in a secrets store." };
        var force = PkiCommandSupport.ForceOption("Replace an existing CA in the folder (every client it issued stops working).");
        var format = CommandOutput.FormatOption();

        var command = new Command("create", "Create a CA: a new key and a self-signed CA certificate. Without a passphrase source one is generated and shown once.");
        command.Options.Add(dir);
        command.Options.Add(key);
        command.Options.Add(days);
        command.Options.Add(subject);
        command.Options.Add(pathLength);
        passphrase.AddTo(command);
        command.Options.Add(save);
        command.Options.Add(noPassphrase);
        command.Options.Add(force);
        command.Options.Add(format);
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var output = CommandOutput.For(parse);
            var given = await passphrase.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
            var unencrypted = parse.GetValue(noPassphrase);
            if (unencrypted && given is not null)
            {
                throw new ArgumentException("--no-passphrase and a passphrase source contradict each other");
            }

            var savePath = parse.GetValue(save);
            PkiCommandSupport.CheckSaveTarget(savePath, parse.GetValue(force));
            var options = new CaCreationOptions
            {
                Key = PkiCommandSupport.ParseKey(parse.GetValue(key)!),
                ValidityDays = parse.GetValue(days),
                Subject = CertificateSubject.Parse(parse.GetValue(subject) ?? string.Empty),
                PathLength = parse.GetValue(pathLength),
                Passphrase = given,
                Unencrypted = unencrypted,
                Force = parse.GetValue(force),
            };
            var authority = new CertificateAuthority(parse.GetValue(dir)!);
            var result = await PkiCommandSupport.WithProgressAsync(
                options.Key, () => authority.CreateAsync(options, cancellationToken)).ConfigureAwait(false);

            output.Line($"Created CA {result.Subject} (serial {result.SerialNumber}), valid until {PkiCommandSupport.Date(result.NotAfter)}.");
            output.Line($"  certificate: {result.CertificatePath}");
            output.Line($"  key:         {result.KeyPath} (0600{(unencrypted ? ", unencrypted" : ", encrypted")})");
            var json = new JsonObject
            {
                ["subject"] = result.Subject,
                ["serialNumber"] = result.SerialNumber,
                ["notAfter"] = CommandOutput.Time(result.NotAfter),
                ["certificate"] = result.CertificatePath,
                ["key"] = result.KeyPath,
                ["keyEncrypted"] = !unencrypted,
            };
            await PkiCommandSupport.HandOverAsync(
                result.GeneratedPassphrase, savePath, parse.GetValue(force), result.KeyPath, output, json, cancellationToken).ConfigureAwait(false);
            await output.WriteJsonAsync(json).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
