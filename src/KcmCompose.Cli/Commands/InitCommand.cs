using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Cli.Commands;

/// <summary>
/// <c>kcm-compose init [DIR]</c>: the whole guide in one command (CA, clients with .pfx files, .env, compose file with
/// client authentication on, validated), then a short "next steps" screen. The work is <see cref="KcmInitializer"/>'s.
/// </summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The folder to set up (default ./kcm); must be new or empty unless --force.", DefaultValueFactory = _ => "kcm" };
        var stackOptions = new StackOptions(hostnameRequired: false, defaultTls: "self-signed");
        var targetOptions = new TargetOptions();
        var clients = new Option<string>("--clients") { Description = "Comma-separated client names to issue certificates for (default: user).", DefaultValueFactory = _ => "user" };
        var caKeyOption = new Option<string>("--ca-key") { Description = "The CA's key type: rsa4096, rsa3072, rsa2048, p256 or p384 (default rsa4096).", DefaultValueFactory = _ => "rsa4096" };
        caKeyOption.AcceptOnlyFromAmong(PkiCommandSupport.KeyNames);
        var clientKey = new Option<string>("--client-key") { Description = "The clients' key type: rsa4096, rsa3072, rsa2048, p256 or p384 (default rsa2048).", DefaultValueFactory = _ => "rsa2048" };
        clientKey.AcceptOnlyFromAmong(PkiCommandSupport.KeyNames);
        var force = new Option<bool>("--force") { Description = "Set up an existing folder again: rewrites the compose file, keeps the CA, client keys and secrets, adds what is missing." };
        var format = CommandOutput.FormatOption("Output format: text (default: a next-steps screen) or json (the files written; see docs/cli.md).");

        var command = new Command("init", "Set up a KCM stack with client-certificate authentication in one step: CA, clients (.pfx), .env and compose file, validated.");
        command.Arguments.Add(directory);
        stackOptions.AddTo(command);
        targetOptions.AddTo(command);
        foreach (var option in (Option[])[clients, caKeyOption, clientKey, force, format])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => PkiCommandSupport.RunAsync(parse, async () =>
        {
            var error = parse.InvocationConfiguration.Error;
            var conventions = CommandOutput.For(parse);
            var names = parse.GetValue(clients)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
            {
                throw new ArgumentException("--clients needs at least one name");
            }

            if (!targetOptions.TryRead(parse, out var target, out var swarm, out var optionError)
                || !stackOptions.TryDatabase(parse, out var database, out optionError)
                || !stackOptions.TryTls(parse, out var tls, out optionError))
            {
                throw new ArgumentException(optionError!.TrimEnd('.'));
            }

            var options = new KcmInitOptions
            {
                Directory = parse.GetValue(directory)!,
                Hostname = stackOptions.Hostname(parse),
                Clients = [.. names],
                Database = database,
                Tls = tls,
                CaKey = PkiCommandSupport.ParseKey(parse.GetValue(caKeyOption)!),
                ClientKey = PkiCommandSupport.ParseKey(parse.GetValue(clientKey)!),
                Customize = builder => stackOptions.ApplyRest(parse, builder),
                Force = parse.GetValue(force),
                Target = target,
                Swarm = swarm,
            };

            KcmInitResult result;
            try
            {
                result = await KcmInitializer.InitializeAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (KcmInitException e)
            {
                await error.WriteLineAsync($"kcm-compose init: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            catch (KcmStackException e)
            {
                await error.WriteLineAsync($"kcm-compose init: {string.Join(" ", e.Problems.Select(p => p.Message))} (see --help)").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (ComposeValidationException e)
            {
                await error.WriteLineAsync("kcm-compose init: the result did not validate, so nothing was kept:").ConfigureAwait(false);
                await error.WriteAsync(ValidationReportWriter.Format(e.Report, ValidationReportFormat.Text)).ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            conventions.Line(NextSteps(result).TrimEnd('\n'));
            await conventions.WriteJsonAsync(Json(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The files written, as the documented JSON shape (docs/cli.md, docs/kcm.md#init).</summary>
    internal static JsonObject Json(KcmInitResult result) => new()
    {
        ["composeFile"] = result.ComposeFile,
        ["envFile"] = result.EnvFile,
        ["caCertificate"] = result.CaCertificate,
        ["caKey"] = result.CaKey,
        ["caPassphraseFile"] = result.CaPassphraseFile,
        ["clients"] = new JsonArray([.. result.Clients.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["certificate"] = c.Certificate,
            ["key"] = c.Key,
            ["pfx"] = c.Pfx,
            ["pfxPassphraseFile"] = c.PfxPassphraseFile,
        })]),
    };

    /// <summary>The next-steps screen: what to keep secret, how to import a .pfx (the guide's step 9), how to start and check.</summary>
    internal static string NextSteps(KcmInitResult result)
    {
        string Relative(string path) => Path.GetRelativePath(result.Directory, path);
        var first = result.Clients[0];
        var host = result.Stack.Proxy.SslHostname.Value;
        var insecure = result.Stack.Proxy.Tls is SelfSignedTls ? " --insecure" : string.Empty;
        var text = new StringBuilder();
        text.AppendLine($"Set up a KCM stack with client-certificate authentication in {result.Directory}");
        text.AppendLine($"  {Relative(result.ComposeFile)}  (SSL_HOSTNAME {host}; validated: {result.Validation.ErrorCount} errors, {result.Validation.WarningCount} warnings)");
        text.AppendLine();
        text.AppendLine("Keep these secret (never commit them; back them up with the database):");
        text.AppendLine($"  {Relative(result.EnvFile)}  the database passwords");
        text.AppendLine($"  {Relative(result.CaKey)} and {Relative(result.CaPassphraseFile)}  the CA key and its passphrase: together they issue new clients");
        foreach (var client in result.Clients)
        {
            text.AppendLine($"  {Relative(client.Pfx)}, {Relative(client.Key)} and {Relative(client.PfxPassphraseFile)}  {client.Name}'s key, .pfx and passphrase");
        }

        text.AppendLine();
        text.AppendLine("Give each user their .pfx and its passphrase (by separate channels), then import it:");
        text.AppendLine("  Windows: double-click the .pfx, choose Current User, enter the passphrase, keep \"Automatically select the certificate store\".");
        text.AppendLine("  macOS:   double-click the .pfx, add it to the login keychain, enter the passphrase.");
        text.AppendLine("  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Your Certificates > Import.");
        text.AppendLine("  Chrome and Edge use the system store (Windows or macOS above).");
        text.AppendLine();
        text.AppendLine("Start the stack and check that it refuses clients without a certificate:");
        text.AppendLine(result.Target == KcmTarget.Swarm
            ? $"  cd {result.Directory} && set -a && . ./.env && set +a && docker stack deploy -c {Relative(result.ComposeFile)} kcm"
            : $"  cd {result.Directory} && docker compose up -d");
        text.AppendLine($"  kcm-compose verify https://{host}/ --client-pfx {Relative(first.Pfx)} --pfx-passphrase-file {Relative(first.PfxPassphraseFile)}{insecure}");
        if (insecure.Length > 0)
        {
            text.AppendLine("  (--insecure because the proxy's server certificate is self-signed; give --server-ca once it is not.)");
        }

        return text.ToString();
    }
}
