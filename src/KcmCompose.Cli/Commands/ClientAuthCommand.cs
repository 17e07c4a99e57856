using System.CommandLine;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;
using KcmCompose.Compose;
using KcmCompose.IO;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose client-auth enable|disable [FILE]</c>: edits client-certificate authentication into an existing compose file in place.</summary>
internal static class ClientAuthCommand
{
    public static Command Create()
    {
        var command = new Command("client-auth", "Enable or disable TLS client-certificate authentication in an existing compose file, keeping its comments and layout.");
        command.Subcommands.Add(CreateEnable());
        command.Subcommands.Add(CreateDisable());
        return command;
    }

    private static Option<bool> DryRunOption() => new("--dry-run") { Description = "Print the change as a unified diff; write nothing." };

    private static Option<bool> BackupOption() => new("--backup") { Description = "Copy the original to FILE.<UTC time>.bak before replacing it." };

    private static Option<bool> ForceOption() => new("--force") { Description = "Replace FILE even when it is read-only (no write bit for its owner)." };

    private static Option<string?> ServerOption() => new("--server") { Description = "Change only the nginx server answering for this host name (a SERVERS entry, or the top-level SSL_HOSTNAME); default: the top-level server." };

    private static Command CreateEnable()
    {
        var file = new ComposeFileOptions();
        var server = ServerOption();
        var clientCa = new Option<string>("--client-ca") { Description = "The CA file on the host (PEM); mounted read-only into the proxy.", Required = true };
        var containerPath = KcmOptions.ContainerPathOption("--container-path", "Where the proxy reads the CA (CLIENT_CERTIFICATE_FILE).", ClientAuthentication.DefaultCaPath);
        var verifyClient = KcmOptions.VerifyClient("SSL_VERIFY_CLIENT: on, off, optional or optional_no_ca (default on).");
        var verifyDepth = KcmOptions.VerifyDepth("SSL_VERIFY_DEPTH, 0 or more; left as the file has it when not given.");
        var nginxConfig = new Option<string?>("--additional-nginx-config") { Description = "ADDITIONAL_NGINX_CONFIG, literal nginx text ($ is an nginx variable; escaped for Compose)." };
        var nginxConfigFile = new Option<FileInfo?>("--additional-nginx-config-file") { Description = "Read ADDITIONAL_NGINX_CONFIG from this file." };
        var dryRun = DryRunOption();
        var backup = BackupOption();
        var force = ForceOption();

        var command = new Command("enable", "Mount the CA read-only into the proxy and set CLIENT_CERTIFICATE_FILE (replacing an earlier CA), SSL_VERIFY_CLIENT and the given settings.");
        file.AddTo(command);
        foreach (var option in (Option[])[server, clientCa, containerPath, verifyClient, verifyDepth, nginxConfig, nginxConfigFile, dryRun, backup, force, CommandOutput.FormatOption()])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            int Usage(string reason)
            {
                error.WriteLine($"kcm-compose client-auth enable: {reason}");
                return ExitCodes.Usage;
            }

            var target = parse.GetValue(containerPath)!;
            var mode = parse.GetValue(verifyClient) ?? VerifyClientMode.On;
            var config = parse.GetValue(nginxConfig);
            if (parse.GetValue(nginxConfigFile) is { } configFile)
            {
                if (config is not null)
                {
                    return Usage("give --additional-nginx-config or --additional-nginx-config-file, not both.");
                }

                if (!configFile.Exists && !Directory.Exists(configFile.FullName))
                {
                    return Usage($"--additional-nginx-config-file '{configFile.FullName}' does not exist.");
                }

                config = await InputFile.ReadAllTextAsync(configFile.FullName, InputFileKind.NginxConfig, cancellationToken).ConfigureAwait(false);
            }

            var caPath = Path.GetFullPath(parse.GetValue(clientCa)!);
            var warning = !InputFile.IsPresent(caPath)
                ? $"warning: '{caPath}' does not exist on this machine; create it before 'docker compose up', or Docker creates a directory there."
                : InputFile.NotRegular(caPath) is { } what
                    ? $"warning: '{caPath}' is {what}, not a regular file; Docker would mount it as it is: give the path of the CA file itself."
                    : null;

            var host = parse.GetValue(server);
            if (host is not null && target.Value == ClientAuthentication.DefaultCaPath)
            {
                // Each server's CA at its own path, so the top-level CA mount stays as it is.
                if (!ContainerPath.TryOf(KcmServerSettings.DefaultCaPath(host), out target!))
                {
                    return Usage($"--server '{host}' is not a host name.");
                }
            }

            var settings = new ClientAuthentication(caPath, target, mode, parse.GetValue(verifyDepth), config);

            return await RunAsync(
                parse,
                "enable",
                file,
                dryRun,
                backup,
                force,
                (path, options) => host is null
                    ? ClientAuthenticationEditor.EnableFileAsync(path, settings, options, cancellationToken)
                    : ClientAuthenticationEditor.EnableServerFileAsync(path, host, settings, options, cancellationToken),
                warning).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateDisable()
    {
        var file = new ComposeFileOptions();
        var dryRun = DryRunOption();
        var backup = BackupOption();
        var force = ForceOption();
        var server = ServerOption();
        var command = new Command("disable", "Remove CLIENT_CERTIFICATE_FILE, SSL_VERIFY_CLIENT, SSL_VERIFY_DEPTH, ADDITIONAL_NGINX_CONFIG and the CA mount from the proxy.");
        file.AddTo(command);
        command.Options.Add(server);
        command.Options.Add(dryRun);
        command.Options.Add(backup);
        command.Options.Add(force);
        command.Options.Add(CommandOutput.FormatOption());
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse,
            "disable",
            file,
            dryRun,
            backup,
            force,
            (path, options) => parse.GetValue(server) is { } host
                ? ClientAuthenticationEditor.DisableServerFileAsync(path, host, options, cancellationToken)
                : ClientAuthenticationEditor.DisableFileAsync(path, options, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse,
        string verb,
        ComposeFileOptions file,
        Option<bool> dryRun,
        Option<bool> backup,
        Option<bool> force,
        Func<string, ComposeFileEditOptions, Task<ComposeEditResult>> edit,
        string? warning = null)
    {
        var output = CommandOutput.For(parse);
        var error = parse.InvocationConfiguration.Error;
        string path;
        try
        {
            var files = file.Resolve(parse);
            if (files.Count > 1)
            {
                throw new ArgumentException(
                    $"Compose reads {string.Join(" and ", files)} here; client-auth edits one file: name it with -f (usually the one that defines the proxy service).");
            }

            path = files[0];
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            await error.WriteLineAsync($"kcm-compose client-auth {verb}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var result = await edit(path, new ComposeFileEditOptions { DryRun = parse.GetValue(dryRun), Backup = parse.GetValue(backup), Force = parse.GetValue(force) }).ConfigureAwait(false);
        if (warning is not null && result.Status != ComposeEditStatus.Refused)
        {
            // Compose accepts a missing bind source, but 'up' would then create an empty directory in its place.
            output.Note(warning);
        }

        if (result.Status == ComposeEditStatus.Refused)
        {
            await error.WriteLineAsync("kcm-compose: " + result.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        if (result.Status == ComposeEditStatus.Changed && parse.GetValue(dryRun))
        {
            output.Essential(result.ToUnifiedDiff().TrimEnd('\n'));
        }
        else
        {
            output.Line(result.BackupPath is null ? result.Message : $"{result.Message} Backup: {result.BackupPath}");
        }

        await output.WriteJsonAsync(EditJson(result, parse.GetValue(dryRun))).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The JSON of an in-place edit: <c>file</c>, <c>status</c> (changed or unchanged), <c>written</c>, <c>backup</c>,
    /// <c>message</c>, and with --dry-run the unified <c>diff</c>.
    /// </summary>
    public static JsonObject EditJson(ComposeEditResult result, bool dryRun) => new()
    {
        ["file"] = result.File,
        ["status"] = result.Status == ComposeEditStatus.Changed ? "changed" : "unchanged",
        ["written"] = result.Written,
        ["backup"] = result.BackupPath,
        ["message"] = result.Message,
        ["diff"] = dryRun && result.Status == ComposeEditStatus.Changed ? result.ToUnifiedDiff() : null,
    };
}
