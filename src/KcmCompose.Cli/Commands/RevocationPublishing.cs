using System.CommandLine;
using System.Text.Json.Nodes;
using KcmCompose.Certificates;
using KcmCompose.Cli.Conventions;
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>
/// What <c>client revoke</c> and <c>client renew --revoke-old</c> do after the index records a revocation: refresh the
/// CRL, rewrite the deny list in the compose file in place, and with <c>--apply</c> recreate the proxy.
/// </summary>
internal sealed class RevocationPublishing
{
    public Option<string?> Compose { get; } = new("--compose")
    {
        Description = "The compose file whose proxy gets the deny list of revoked serials (in ADDITIONAL_NGINX_CONFIG, edited in place).",
    };

    public Option<string?> CrlOut { get; } = new("--crl-out")
    {
        Description = "Where to write the refreshed CRL (default with --compose: DIR/crl.pem). Needs the CA passphrase.",
    };

    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Print the compose file change as a unified diff; record and write nothing." };

    public Option<bool> Apply { get; } = new("--apply") { Description = "Recreate the proxy so the deny list takes effect (the apply command's validate-first gate)." };

    public Option<bool> Backup { get; } = new("--backup") { Description = "Keep the compose file as it was in FILE.bak." };

    public PkiCommandSupport.PassphraseOptions CaPassphrase { get; } = PkiCommandSupport.PassphraseOptions.Create("ca-passphrase", "passphrase of ca.key (to sign the CRL)");

    public void AddTo(Command command, bool dryRun)
    {
        command.Options.Add(Compose);
        command.Options.Add(CrlOut);
        if (dryRun)
        {
            command.Options.Add(DryRun);
        }

        command.Options.Add(Apply);
        command.Options.Add(Backup);
        CaPassphrase.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Compose) is null && (result.GetValue(Apply) || result.GetValue(DryRun) || result.GetValue(Backup)))
            {
                result.AddError("--apply, --dry-run and --backup need --compose FILE.");
            }
        });
    }

    /// <summary>Refuses (as a missing input) before anything is recorded when the --compose file does not exist.</summary>
    public void CheckInputs(ParseResult parse)
    {
        if (parse.GetValue(Compose) is { } compose && !File.Exists(compose))
        {
            throw new FileNotFoundException($"the compose file '{compose}' does not exist.", compose);
        }
    }

    /// <summary>The CRL path to refresh, or <see langword="null"/> when neither --compose nor --crl-out asks for one.</summary>
    public string? CrlPath(ParseResult parse, CertificateAuthority authority) =>
        parse.GetValue(CrlOut) ?? (parse.GetValue(Compose) is null ? null : Path.Combine(authority.Directory, "crl.pem"));

    /// <summary>The diff the deny list would make, with <paramref name="extra"/> serials revoked too; writes nothing.</summary>
    public async Task<int> PreviewAsync(ParseResult parse, CertificateAuthority authority, IEnumerable<string> extra, CancellationToken cancellationToken)
    {
        var list = await RevocationList.FromCaAsync(authority.Directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        var serials = list.Revoked.Select(r => r.SerialNumber).Concat(extra.Select(RevocationList.NginxSerial)).ToList();
        var result = await RevocationDenyList.ApplyFileAsync(parse.GetValue(Compose)!, serials, new ComposeFileEditOptions { DryRun = true }, cancellationToken).ConfigureAwait(false);
        var json = new JsonObject();
        var exit = Report(parse, result, dryRun: true, json);
        if (exit == ExitCodes.Success)
        {
            await CommandOutput.For(parse).WriteJsonAsync(json).ConfigureAwait(false);
        }

        return exit;
    }

    /// <summary>The JSON of a written CRL: <c>crlNumber</c>, <c>file</c>, <c>revokedCount</c>, <c>thisUpdate</c>, <c>nextUpdate</c>.</summary>
    public static JsonObject CrlJson(CrlResult crl) => new()
    {
        ["crlNumber"] = crl.CrlNumber,
        ["file"] = crl.Path,
        ["revokedCount"] = crl.RevokedCount,
        ["thisUpdate"] = CommandOutput.Time(crl.ThisUpdate),
        ["nextUpdate"] = CommandOutput.Time(crl.NextUpdate),
    };

    /// <summary>
    /// Refreshes the CRL, writes the deny list and, with --apply, recreates the proxy; adds <c>crl</c>, <c>denyList</c>
    /// and <c>apply</c> to <paramref name="json"/> and writes it as the command's result.
    /// </summary>
    public async Task<int> PublishAsync(ParseResult parse, CertificateAuthority authority, string? caPassphrase, JsonObject json, CancellationToken cancellationToken)
    {
        var output = CommandOutput.For(parse);
        json["crl"] = null;
        json["denyList"] = null;
        json["apply"] = null;
        if (CrlPath(parse, authority) is { } crlPath)
        {
            var crl = await authority.WriteCrlAsync(new CrlOptions { OutputPath = crlPath, CaPassphrase = caPassphrase }, cancellationToken).ConfigureAwait(false);
            output.Line($"Wrote CRL #{crl.CrlNumber} to {crl.Path}: {crl.RevokedCount} revoked.");
            json["crl"] = CrlJson(crl);
        }

        if (parse.GetValue(Compose) is not { } compose)
        {
            output.Line("The proxy still admits it: pass --compose FILE to write the deny list nginx enforces (see docs/pki.md).");
            await output.WriteJsonAsync(json).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var list = await RevocationList.FromCaAsync(authority.Directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        var result = await RevocationDenyList.ApplyFileAsync(
            compose, list.Revoked.Select(r => r.SerialNumber), new ComposeFileEditOptions { Backup = parse.GetValue(Backup) }, cancellationToken).ConfigureAwait(false);
        var exit = Report(parse, result, dryRun: false, json);
        if (exit != ExitCodes.Success)
        {
            return exit;
        }

        if (!parse.GetValue(Apply))
        {
            output.Line($"Recreate the proxy for it to take effect: 'kcm-compose apply {compose}' (or pass --apply).");
            await output.WriteJsonAsync(json).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        return await DockerCommandSupport.RunAsync(
            parse,
            (progress, ct) => ServiceDeployment.ApplyAsync(new ServiceDeploymentRequest(compose), new UpdateOptions { Timeout = TimeSpan.FromMinutes(2), Progress = progress }, ct),
            cancellationToken,
            json).ConfigureAwait(false);
    }

    private static int Report(ParseResult parse, ComposeEditResult result, bool dryRun, JsonObject json)
    {
        var output = CommandOutput.For(parse);
        if (result.Status == ComposeEditStatus.Refused)
        {
            parse.InvocationConfiguration.Error.WriteLine("kcm-compose: " + result.Message);
            return ExitCodes.Failed;
        }

        json["denyList"] = ClientAuthCommand.EditJson(result, dryRun);
        if (result.Status == ComposeEditStatus.Changed && dryRun)
        {
            output.Essential(result.ToUnifiedDiff().TrimEnd('\n'));
        }
        else
        {
            output.Line(result.Message);
        }

        return ExitCodes.Success;
    }
}
