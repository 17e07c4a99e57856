using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using KcmCompose.Certificates;
using KcmCompose.Cli.Conventions;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose client issue|sign|list|revoke|renew|request</c>: client certificates of a CA folder.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var command = new Command("client", "Issue, sign, list, revoke and renew client certificates.");
        command.Subcommands.Add(Issue());
        command.Subcommands.Add(Sign());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Revoke());
        command.Subcommands.Add(Renew());
        command.Subcommands.Add(Request());
        return command;
    }

    private static Option<string> PfxFormatOption()
    {
        var option = new Option<string>("--pfx-format")
        {
            Description = "compatible (3DES + SHA-1 MAC: macOS, Windows, Firefox, Chrome, OpenSSL 3) or modern (AES-256 + SHA-256 MAC). Default compatible.",
            DefaultValueFactory = _ => "compatible",
        };
        option.AcceptOnlyFromAmong("compatible", "modern");
        return option;
    }

    private static PfxFormat ParsePfx(string? value) => value == "modern" ? PfxFormat.Modern : PfxFormat.Compatible;

    private static Option<bool> RefuseOverrunOption() => new("--refuse-overrun")
    {
        Description = "Refuse when the validity would end after the CA does (default: shorten it to the CA's end and say so).",
    };

    private static Command Issue()
    {
        var name = new Argument<string>("name") { Description = "Client name: certificate CN, .pfx friendly name and file name." };
        var caDir = PkiCommandSupport.CaDirOption();
        var days = PkiCommandSupport.DaysOption("Days the certificate is valid (default 365; never past the CA's end).");
        var key = PkiCommandSupport.KeyOption("rsa2048", "Client");
        var pfxFormat = PfxFormatOption();
        var pfxPassphrase = PkiCommandSupport.PassphraseOptions.Create("pfx-passphrase", "passphrase protecting the client .key and .pfx");
        var caPassphrase = PkiCommandSupport.PassphraseOptions.Create("ca-passphrase", "passphrase of ca.key");
        var save = new Option<string>("--save-passphrase") { Description = "When a passphrase is generated, write it to this new 0600 file instead of printing it." };
        var noChain = new Option<bool>("--no-chain") { Description = "Leave the CA certificate out of the .pfx." };
        var refuse = RefuseOverrunOption();
        var force = PkiCommandSupport.ForceOption("Replace this client's existing files.");

        var command = new Command("issue", "Issue a client: new key, certificate signed by the CA, and a .pfx for browser import, under DIR/clients/.");
        command.Arguments.Add(name);
        command.Options.Add(caDir);
        command.Options.Add(days);
        command.Options.Add(key);
        command.Options.Add(pfxFormat);
        pfxPassphrase.AddTo(command);
        caPassphrase.AddTo(command);
        command.Options.Add(save);
        command.Options.Add(noChain);
        command.Options.Add(refuse);
        command.Options.Add(force);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var output = CommandOutput.For(parse);
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var clientPassphrase = await pfxPassphrase.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
            var savePath = parse.GetValue(save);
            PkiCommandSupport.CheckSaveTarget(savePath, parse.GetValue(force));
            var options = new ClientIssueOptions
            {
                Name = parse.GetValue(name)!,
                CaPassphrase = await PkiCommandSupport.CaPassphraseAsync(parse, caPassphrase, authority, cancellationToken).ConfigureAwait(false),
                Key = PkiCommandSupport.ParseKey(parse.GetValue(key)!),
                ValidityDays = parse.GetValue(days),
                Overrun = parse.GetValue(refuse) ? ValidityOverrun.Refuse : ValidityOverrun.Clamp,
                PfxFormat = ParsePfx(parse.GetValue(pfxFormat)),
                IncludeChain = !parse.GetValue(noChain),
                Passphrase = clientPassphrase,
                Force = parse.GetValue(force),
            };
            var result = await PkiCommandSupport.WithProgressAsync(
                options.Key, () => authority.IssueClientAsync(options, cancellationToken)).ConfigureAwait(false);
            var json = WriteIssued(output, "Issued", result, parse.GetValue(pfxFormat)!);
            await PkiCommandSupport.HandOverAsync(
                result.GeneratedPassphrase, savePath, parse.GetValue(force), $"{result.KeyPath} and {result.PfxPath}", output, json, cancellationToken).ConfigureAwait(false);
            await output.WriteJsonAsync(json).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Sign()
    {
        var csr = new Argument<string>("csr") { Description = "The PKCS#10 request (PEM or DER), e.g. from 'openssl req -new'. Its signature is verified first." };
        var caDir = PkiCommandSupport.CaDirOption();
        var output = new Option<string>("--output", "-o") { Description = "The certificate file to write (PEM).", Required = true };
        var days = PkiCommandSupport.DaysOption("Days the certificate is valid (default 365; never past the CA's end).");
        var name = new Option<string>("--name") { Description = "Expected client name: refused unless it equals the request's CN, which the index records." };
        var caPassphrase = PkiCommandSupport.PassphraseOptions.Create("ca-passphrase", "passphrase of ca.key");
        var refuse = RefuseOverrunOption();
        var force = PkiCommandSupport.ForceOption("Replace an existing output file.");

        var command = new Command("sign", "Sign a certificate request made elsewhere as a client certificate.");
        command.Arguments.Add(csr);
        command.Options.Add(caDir);
        command.Options.Add(output);
        command.Options.Add(days);
        command.Options.Add(name);
        caPassphrase.AddTo(command);
        command.Options.Add(refuse);
        command.Options.Add(force);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var options = new RequestSigningOptions
            {
                RequestPath = parse.GetValue(csr)!,
                OutputPath = parse.GetValue(output)!,
                CaPassphrase = await PkiCommandSupport.CaPassphraseAsync(parse, caPassphrase, authority, cancellationToken).ConfigureAwait(false),
                Name = parse.GetValue(name),
                ValidityDays = parse.GetValue(days),
                Overrun = parse.GetValue(refuse) ? ValidityOverrun.Refuse : ValidityOverrun.Clamp,
                Force = parse.GetValue(force),
            };
            var result = await authority.SignRequestAsync(options, cancellationToken).ConfigureAwait(false);
            var printer = CommandOutput.For(parse);
            printer.Line($"Signed {result.Certificate.Subject} (serial {result.Certificate.SerialNumber}), valid until {PkiCommandSupport.Date(result.Certificate.NotAfter)}: {result.CertificatePath}");
            if (result.ValidityClamped)
            {
                printer.Line("  note: validity shortened to end with the CA certificate.");
            }

            await printer.WriteJsonAsync(new JsonObject
            {
                ["subject"] = result.Certificate.Subject,
                ["serialNumber"] = result.Certificate.SerialNumber,
                ["notAfter"] = CommandOutput.Time(result.Certificate.NotAfter),
                ["certificate"] = result.CertificatePath,
                ["validityClamped"] = result.ValidityClamped,
            }).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List()
    {
        var caDir = PkiCommandSupport.CaDirOption();
        var command = new Command("list", "List the certificates the CA issued, with status and days left.");
        command.Options.Add(caDir);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var items = await authority.ListAsync(cancellationToken).ConfigureAwait(false);
            var output = CommandOutput.For(parse);
            await output.WriteJsonAsync(new JsonObject
            {
                ["certificates"] = new JsonArray([.. items.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Name,
                    ["serialNumber"] = c.SerialNumber,
                    ["status"] = c.Status.ToString().ToLowerInvariant(),
                    ["notAfter"] = CommandOutput.Time(c.NotAfter),
                    ["daysLeft"] = c.Status == CertificateStatus.Valid ? c.DaysLeft : null,
                    ["revokedAt"] = c.RevokedAt is { } revoked ? CommandOutput.Time(revoked) : null,
                })]),
            }).ConfigureAwait(false);
            if (items.IsEmpty)
            {
                output.Line("No certificates issued yet.");
                return ExitCodes.Success;
            }

            var rows = items.Select(c => new[]
            {
                c.Name, c.SerialNumber, c.Status.ToString().ToLowerInvariant(), PkiCommandSupport.Date(c.NotAfter),
                c.Status == CertificateStatus.Valid ? c.DaysLeft.ToString(CultureInfo.InvariantCulture) : "-",
            }).ToList();
            string[] header = ["NAME", "SERIAL", "STATUS", "NOT AFTER", "DAYS LEFT"];
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                output.Line(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var target = new Argument<string>("name-or-serial") { Description = "A client name (revokes all its certificates) or a serial in hexadecimal." };
        var caDir = PkiCommandSupport.CaDirOption();
        var publishing = new RevocationPublishing();
        var command = new Command(
            "revoke",
            "Mark certificates as revoked in the CA index; with --compose FILE also refresh the CRL and write the deny list the proxy enforces (--apply recreates it).");
        command.Arguments.Add(target);
        command.Options.Add(caDir);
        publishing.AddTo(command, dryRun: true);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            publishing.CheckInputs(parse);
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var output = CommandOutput.For(parse);
            if (parse.GetValue(publishing.DryRun))
            {
                var name = parse.GetValue(target)!;
                var issued = await authority.ListAsync(cancellationToken).ConfigureAwait(false);
                var matches = issued.Where(c => c.Name == name && c.RevokedAt is null).ToList();
                if (matches.Count == 0)
                {
                    matches = [.. issued.Where(c => c.RevokedAt is null && IsSerial(name, c.SerialNumber))];
                }

                return await publishing.PreviewAsync(parse, authority, matches.Select(c => c.SerialNumber), cancellationToken).ConfigureAwait(false);
            }

            // The passphrase first, so a missing one refuses before the index changes.
            var passphrase = publishing.CrlPath(parse, authority) is null
                ? null
                : await PkiCommandSupport.CaPassphraseAsync(parse, publishing.CaPassphrase, authority, cancellationToken).ConfigureAwait(false);
            var revoked = await authority.RevokeAsync(parse.GetValue(target)!, cancellationToken).ConfigureAwait(false);
            foreach (var certificate in revoked)
            {
                output.Line($"Revoked {certificate.Name} (serial {certificate.SerialNumber}).");
            }

            var json = new JsonObject
            {
                ["revoked"] = new JsonArray([.. revoked.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["serialNumber"] = c.SerialNumber })]),
            };
            return await publishing.PublishAsync(parse, authority, passphrase, json, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static bool IsSerial(string text, string serial)
    {
        try
        {
            return RevocationList.NginxSerial(text) == RevocationList.NginxSerial(serial);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Command Renew()
    {
        var name = new Argument<string>("name") { Description = "The client to renew." };
        var caDir = PkiCommandSupport.CaDirOption();
        var days = PkiCommandSupport.DaysOption("Days the new certificate is valid (default 365; never past the CA's end).");
        var newKey = new Option<bool>("--new-key") { Description = "Generate a new key instead of keeping the current one." };
        var key = new Option<string>("--key") { Description = "Type of the new key (rsa4096, rsa3072, rsa2048, p256, p384; default: same as now)." };
        key.AcceptOnlyFromAmong(PkiCommandSupport.KeyNames);
        var pfxFormat = PfxFormatOption();
        var pfxPassphrase = PkiCommandSupport.PassphraseOptions.Create("pfx-passphrase", "passphrase of the client's .key (also protects the new .pfx)");
        var caPassphrase = PkiCommandSupport.PassphraseOptions.Create("ca-passphrase", "passphrase of ca.key");
        var save = new Option<string>("--save-passphrase") { Description = "When a passphrase is generated, write it to this new 0600 file instead of printing it." };
        var refuse = RefuseOverrunOption();
        var allowRevoked = new Option<bool>("--allow-revoked")
        {
            Description = "Renew even a revoked client, making it valid again (default: refused).",
        };

        var revokeOld = new Option<bool>("--revoke-old")
        {
            Description = "Revoke the certificate the new one replaces (and with --compose FILE write the deny list; --apply recreates the proxy).",
        };
        var publishing = new RevocationPublishing();

        var command = new Command("renew", "Issue a new certificate (new serial and validity) for an existing client, same key or new; replaces its .crt and .pfx.");
        command.Arguments.Add(name);
        command.Options.Add(caDir);
        command.Options.Add(days);
        command.Options.Add(newKey);
        command.Options.Add(key);
        command.Options.Add(pfxFormat);
        pfxPassphrase.AddTo(command);
        caPassphrase.AddTo(command);
        command.Options.Add(save);
        command.Options.Add(refuse);
        command.Options.Add(allowRevoked);
        command.Options.Add(revokeOld);
        command.Options.Add(publishing.Compose);
        command.Options.Add(publishing.CrlOut);
        command.Options.Add(publishing.Apply);
        command.Options.Add(publishing.Backup);
        command.Options.Add(CommandOutput.FormatOption());
        command.Validators.Add(result =>
        {
            if (!result.GetValue(revokeOld) && (result.GetValue(publishing.Compose) is not null || result.GetValue(publishing.CrlOut) is not null || result.GetValue(publishing.Apply)))
            {
                result.AddError("--compose, --crl-out and --apply go with --revoke-old.");
            }
        });
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var output = CommandOutput.For(parse);
            publishing.CheckInputs(parse);
            var authority = await PkiCommandSupport.RepairAsync(new CertificateAuthority(parse.GetValue(caDir)!), parse, cancellationToken).ConfigureAwait(false);
            var oldCertificate = Path.Combine(authority.ClientsDirectory, parse.GetValue(name)! + ".crt");
            var oldSerial = parse.GetValue(revokeOld) && File.Exists(oldCertificate)
                ? (await CertificateChain.LoadAsync(oldCertificate, cancellationToken).ConfigureAwait(false)).Leaf.SerialNumber
                : null;
            var keyName = parse.GetValue(key);
            if (keyName is not null && !parse.GetValue(newKey))
            {
                throw new ArgumentException("--key needs --new-key");
            }

            var savePath = parse.GetValue(save);
            PkiCommandSupport.CheckSaveTarget(savePath, force: false);
            var options = new ClientRenewOptions
            {
                Name = parse.GetValue(name)!,
                CaPassphrase = await PkiCommandSupport.CaPassphraseAsync(parse, caPassphrase, authority, cancellationToken).ConfigureAwait(false),
                Passphrase = await pfxPassphrase.ReadAsync(parse, cancellationToken).ConfigureAwait(false),
                NewKey = parse.GetValue(newKey),
                Key = keyName is null ? null : PkiCommandSupport.ParseKey(keyName),
                ValidityDays = parse.GetValue(days),
                Overrun = parse.GetValue(refuse) ? ValidityOverrun.Refuse : ValidityOverrun.Clamp,
                PfxFormat = ParsePfx(parse.GetValue(pfxFormat)),
                AllowRevoked = parse.GetValue(allowRevoked),
            };
            var result = await authority.RenewClientAsync(options, cancellationToken).ConfigureAwait(false);
            var json = WriteIssued(output, "Renewed", result, parse.GetValue(pfxFormat)!);
            await PkiCommandSupport.HandOverAsync(
                result.GeneratedPassphrase, savePath, force: false, $"{result.KeyPath} and {result.PfxPath}", output, json, cancellationToken).ConfigureAwait(false);
            json["replacedSerialNumber"] = oldSerial;
            if (oldSerial is null)
            {
                await output.WriteJsonAsync(json).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if ((await authority.ListAsync(cancellationToken).ConfigureAwait(false)).Any(c => c.SerialNumber == oldSerial && c.RevokedAt is not null))
            {
                output.Line($"The replaced certificate (serial {oldSerial}) was already revoked.");
            }
            else
            {
                await authority.RevokeAsync(oldSerial, cancellationToken).ConfigureAwait(false);
                output.Line($"Revoked the replaced certificate (serial {oldSerial}).");
            }

            return await publishing.PublishAsync(parse, authority, options.CaPassphrase, json, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command Request()
    {
        var name = new Argument<string>("name") { Description = "Client name (the request's CN)." };
        var outDir = new Option<string>("--out-dir") { Description = "Folder to write NAME.csr and NAME.key into.", Required = true };
        var key = PkiCommandSupport.KeyOption("rsa2048", "Client");
        var passphrase = PkiCommandSupport.PassphraseOptions.Create("passphrase", "passphrase that encrypts NAME.key");
        var save = new Option<string>("--save-passphrase") { Description = "When a passphrase is generated, write it to this new 0600 file instead of printing it." };
        var force = PkiCommandSupport.ForceOption("Replace existing NAME.csr and NAME.key.");

        var command = new Command("request", "Make a client key and a PKCS#10 request (NAME.key, NAME.csr) to be signed by this or another CA.");
        command.Arguments.Add(name);
        command.Options.Add(outDir);
        command.Options.Add(key);
        passphrase.AddTo(command);
        command.Options.Add(save);
        command.Options.Add(force);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var output = CommandOutput.For(parse);
            var given = await passphrase.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
            var savePath = parse.GetValue(save);
            PkiCommandSupport.CheckSaveTarget(savePath, parse.GetValue(force));
            var generated = given is null ? Passphrases.Generate() : null;
            var algorithm = PkiCommandSupport.ParseKey(parse.GetValue(key)!);
            var clientName = parse.GetValue(name)!;
            var folder = parse.GetValue(outDir)!;
            var written = await PkiCommandSupport.WithProgressAsync(algorithm, () => CertificateAuthority.WriteClientRequestAsync(
                folder, clientName, algorithm, given ?? generated!, parse.GetValue(force), cancellationToken)).ConfigureAwait(false);
            output.Line($"Wrote request {written.RequestPath} and key {written.KeyPath} (0600, encrypted).");
            var json = new JsonObject { ["request"] = written.RequestPath, ["key"] = written.KeyPath };
            await PkiCommandSupport.HandOverAsync(generated, savePath, parse.GetValue(force), written.KeyPath, output, json, cancellationToken).ConfigureAwait(false);
            await output.WriteJsonAsync(json).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Prints what issue or renew made and returns it as the command's JSON object.</summary>
    private static JsonObject WriteIssued(CommandOutput output, string verb, ClientIssueResult result, string pfxFormat)
    {
        var certificate = result.Certificate;
        output.Line($"{verb} {certificate.Name} (serial {certificate.SerialNumber}), valid until {PkiCommandSupport.Date(certificate.NotAfter)}.");
        if (result.ValidityClamped)
        {
            output.Line("  note: validity shortened to end with the CA certificate.");
        }

        output.Line($"  certificate: {result.CertificatePath}");
        output.Line($"  key:         {result.KeyPath} (0600, encrypted)");
        output.Line($"  pfx:         {result.PfxPath} (0600, {pfxFormat})");
        return new JsonObject
        {
            ["name"] = certificate.Name,
            ["serialNumber"] = certificate.SerialNumber,
            ["notAfter"] = CommandOutput.Time(certificate.NotAfter),
            ["certificate"] = result.CertificatePath,
            ["key"] = result.KeyPath,
            ["pfx"] = result.PfxPath,
            ["pfxFormat"] = pfxFormat,
            ["validityClamped"] = result.ValidityClamped,
        };
    }
}
