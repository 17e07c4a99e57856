using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;
using KcmCompose.IO;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose emit</c>: writes a complete KCM compose stack, optionally with client-certificate authentication.</summary>
internal static class EmitCommand
{
    public static Command Create()
    {
        var stackOptions = new StackOptions(hostnameRequired: true, defaultTls: "letsencrypt");
        var targetOptions = new TargetOptions();
        var clientCa = new Option<string?>("--client-ca") { Description = "Require client certificates signed by this CA file on the host (mounted read-only)." };
        var verifyClient = KcmOptions.VerifyClient("SSL_VERIFY_CLIENT: on, off, optional or optional_no_ca (needs --client-ca; default on).");
        var verifyDepth = KcmOptions.VerifyDepth("SSL_VERIFY_DEPTH, 0 or more (needs --client-ca).");
        var nginxConfig = new Option<string?>("--additional-nginx-config") { Description = "ADDITIONAL_NGINX_CONFIG, literal nginx text ($ is an nginx variable; escaped for Compose)." };
        var nginxConfigFile = new Option<FileInfo?>("--additional-nginx-config-file") { Description = "Read ADDITIONAL_NGINX_CONFIG from this file." };
        var server = new Option<string[]>("--server")
        {
            Description = "One more nginx server (SERVERS): HOST[:setting=value,...], repeatable. Settings are proxy variables (CLIENT_CERTIFICATE_FILE, SSL_VERIFY_CLIENT, SSL_VERIFY_DEPTH, ...; an empty value switches an inherited one off) or ca=FILE, a client CA on the host mounted read-only for this server.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write to this file (atomically, mode 0600) instead of standard output, and the passwords it reads into the .env beside it (created 0600 once; existing entries are kept).",
        };
        var envFile = new Option<FileInfo?>("--env-file") { Description = "Write the passwords into this .env instead (default: .env beside --output)." };
        var force = new Option<bool>("--force") { Description = "Overwrite the --output file if it exists (the .env is never overwritten)." };

        var command = new Command("emit", "Write a complete Keeper Connection Manager docker-compose stack.");
        var format = CommandOutput.FormatOption("Output format: text (default: the YAML) or json (an object with the file written, its size, the .env and, without --output, the YAML; see docs/cli.md).");
        stackOptions.AddTo(command);
        targetOptions.AddTo(command);
        foreach (var option in (Option[])[clientCa, verifyClient, verifyDepth, nginxConfig, nginxConfigFile, server, output, envFile, force, format])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var conventions = CommandOutput.For(parse);
            int Usage(string reason)
            {
                error.WriteLine($"kcm-compose emit: {reason}");
                return ExitCodes.Usage;
            }

            if (!targetOptions.TryRead(parse, out var target, out var swarm, out var optionError)
                || !stackOptions.TryApply(parse, stackOptions.Hostname(parse)!, out var builder, out optionError))
            {
                return Usage(optionError!);
            }

            if (parse.GetValue(clientCa) is { } ca)
            {
                builder = builder.WithClientCa(Path.GetFullPath(ca));
            }

            if (parse.GetValue(verifyClient) is { } mode)
            {
                builder = builder.WithVerifyClient(mode);
            }

            if (parse.GetValue(verifyDepth) is { } depth)
            {
                builder = builder.WithVerifyDepth(depth);
            }

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

            if (config is not null)
            {
                builder = builder.WithAdditionalNginxConfig(config);
            }

            var serverCas = new List<string>();
            foreach (var entry in parse.GetValue(server) ?? [])
            {
                var (next, problem) = ServerOption.Apply(builder, entry, serverCas);
                if (next is null)
                {
                    return Usage($"--server '{entry}': {problem}");
                }

                builder = next;
            }

            KcmStack stack;
            try
            {
                stack = builder.Build();
            }
            catch (KcmStackException e)
            {
                return Usage(string.Join(" ", e.Problems.Select(p => $"{p.Code}: {p.Message}")));
            }

            // Compose accepts a missing bind source, but 'up' would then create an empty directory in its place.
            // A Swarm stack reads the files now (their names carry a hash of the content) and fails below instead.
            foreach (var source in target == KcmTarget.Swarm ? [] : (string?[])[parse.GetValue(clientCa), .. stackOptions.MountedFiles(parse), .. serverCas])
            {
                if (source is not null && !InputFile.IsPresent(source))
                {
                    conventions.Note($"warning: '{Path.GetFullPath(source)}' does not exist on this machine; create it before 'docker compose up', or Docker creates a directory there.");
                }
                else if (source is not null && InputFile.NotRegular(source) is { } what)
                {
                    conventions.Note($"warning: '{Path.GetFullPath(source)}' is {what}, not a regular file; Docker would mount it as it is: give the path of the file itself.");
                }
            }

            var file = parse.GetValue(output);
            var envPath = parse.GetValue(envFile)?.FullName ?? (file is null ? null : KcmEnvFile.PathFor(file.FullName));
            if (file is null && parse.GetValue(force))
            {
                return Usage("--force needs --output.");
            }

            if (file is not null && !parse.GetValue(force) && File.Exists(file.FullName))
            {
                error.WriteLine($"kcm-compose emit: '{file.FullName}' already exists; pass --force to replace it.");
                return ExitCodes.Failed;
            }

            // A Swarm stack names its configs after the files' content: a file that cannot be read stops here, before anything is written.
            string text;
            try
            {
                text = await stack.ToYamlAsync(target, swarm, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                error.WriteLine($"kcm-compose emit: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                // The secrets first: a compose file is never left without the .env it reads.
                KcmEnvFileResult? env = null;
                var required = stack.RequiredVariables; // maps the stack once
                if (envPath is not null && !required.IsEmpty)
                {
                    env = await KcmEnvFile.EnsureAsync(envPath, required, cancellationToken: cancellationToken).ConfigureAwait(false);
                    conventions.Note(EnvFileLine(env));
                }

                if (file is null)
                {
                    if (conventions.Json)
                    {
                        await conventions.WriteJsonAsync(new JsonObject { ["file"] = null, ["bytes"] = Encoding.UTF8.GetByteCount(text), ["envFile"] = env?.Path, ["yaml"] = text }).ConfigureAwait(false);
                    }
                    else
                    {
                        await parse.InvocationConfiguration.Output.WriteAsync(text).ConfigureAwait(false);
                    }

                    return ExitCodes.Success;
                }

                if (!await stack.TryWriteFileAsync(file.FullName, target, swarm, parse.GetValue(force), cancellationToken).ConfigureAwait(false))
                {
                    error.WriteLine($"kcm-compose emit: '{file.FullName}' already exists; pass --force to replace it.");
                    return ExitCodes.Failed;
                }

                var bytes = new FileInfo(file.FullName).Length;
                conventions.Note($"wrote {file.FullName} ({bytes} bytes, mode 0600).");
                await conventions.WriteJsonAsync(new JsonObject { ["file"] = file.FullName, ["bytes"] = bytes, ["envFile"] = env?.Path, ["yaml"] = null }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"kcm-compose emit: cannot write '{file?.FullName ?? envPath}': {e.Message}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One line on what happened to the .env.</summary>
    internal static string EnvFileLine(KcmEnvFileResult env) =>
        env.Created ? $"created {env.Path} (mode 0600) with {string.Join(", ", env.Added)}; keep it private and back it up."
        : env.Added.IsEmpty ? $"kept {env.Path} as it is (it defines {string.Join(", ", env.Kept)})."
        : $"added {string.Join(", ", env.Added)} to {env.Path}; its other entries are unchanged.";
}
