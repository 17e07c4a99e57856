using System.CommandLine;
using KcmCompose.IO;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose emit</c>: writes a complete KCM compose stack, optionally with client-certificate authentication.</summary>
internal static class EmitCommand
{
    public static Command Create()
    {
        var hostname = new Option<string>("--hostname") { Description = "Public host name users browse to (SSL_HOSTNAME).", Required = true };
        var database = new Option<string>("--database") { Description = "Database image: mysql or postgres.", DefaultValueFactory = _ => "mysql" };
        var tls = new Option<string>("--tls") { Description = "Server certificate: letsencrypt, self-signed or certificate.", DefaultValueFactory = _ => "letsencrypt" };
        var email = new Option<string?>("--email") { Description = "Let's Encrypt notification address (LETSENCRYPT_EMAIL)." };
        var staging = new Option<bool>("--staging") { Description = "Use the Let's Encrypt staging service." };
        var certificate = new Option<string?>("--certificate") { Description = "With --tls certificate: the certificate file on the host (mounted read-only)." };
        var privateKey = new Option<string?>("--private-key") { Description = "With --tls certificate: the private key file on the host (mounted read-only)." };
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
        var license = new Option<string?>("--license") { Description = "KCM licence key (KCM_LICENSE)." };
        var tag = new Option<string>("--tag") { Description = "Tag of the four KCM images.", DefaultValueFactory = _ => KcmImages.DefaultTag };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file (atomically, mode 0600) instead of standard output." };
        var force = new Option<bool>("--force") { Description = "Overwrite the --output file if it exists." };

        var command = new Command("emit", "Write a complete Keeper Connection Manager docker-compose stack.");
        foreach (var option in (Option[])[hostname, database, tls, email, staging, certificate, privateKey, clientCa, verifyClient, verifyDepth, nginxConfig, nginxConfigFile, server, license, tag, output, force])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            int Usage(string reason)
            {
                error.WriteLine($"kcm-compose emit: {reason}");
                return ExitCodes.Usage;
            }

            var builder = KcmStackBuilder.Create(parse.GetValue(hostname)!).WithImageTag(parse.GetValue(tag)!);
            switch (parse.GetValue(database))
            {
                case "mysql": builder = builder.WithDatabase(DatabaseKind.MySql); break;
                case "postgres" or "postgresql": builder = builder.WithDatabase(DatabaseKind.PostgreSql); break;
                case var other: return Usage($"--database must be mysql or postgres, not '{other}'.");
            }

            var certificatePath = parse.GetValue(certificate);
            var keyPath = parse.GetValue(privateKey);
            switch (parse.GetValue(tls))
            {
                case "letsencrypt":
                    builder = builder.WithTls(TlsMode.LetsEncrypt(parse.GetValue(email), parse.GetValue(staging)));
                    break;
                case "self-signed":
                    builder = builder.WithTls(TlsMode.SelfSigned);
                    break;
                case "certificate" when certificatePath is null || keyPath is null:
                    return Usage("--tls certificate needs --certificate and --private-key.");
                case "certificate":
                    builder = builder.WithTls(TlsMode.ExistingCertificate(Path.GetFullPath(certificatePath), Path.GetFullPath(keyPath)));
                    break;
                case var other:
                    return Usage($"--tls must be letsencrypt, self-signed or certificate, not '{other}'.");
            }

            if (parse.GetValue(tls) != "certificate" && (certificatePath is not null || keyPath is not null))
            {
                return Usage("--certificate and --private-key need --tls certificate.");
            }

            if (parse.GetValue(tls) != "letsencrypt" && (parse.GetValue(email) is not null || parse.GetValue(staging)))
            {
                return Usage("--email and --staging need --tls letsencrypt.");
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
            foreach (var text in parse.GetValue(server) ?? [])
            {
                var (next, problem) = ServerOption.Apply(builder, text, serverCas);
                if (next is null)
                {
                    return Usage($"--server '{text}': {problem}");
                }

                builder = next;
            }

            if (parse.GetValue(license) is { } key)
            {
                builder = builder.WithLicense(EnvironmentValue.Literal(key));
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
            foreach (var source in (string?[])[parse.GetValue(clientCa), certificatePath, keyPath, .. serverCas])
            {
                if (source is not null && !InputFile.IsPresent(source))
                {
                    error.WriteLine($"kcm-compose emit: warning: '{Path.GetFullPath(source)}' does not exist on this machine; create it before 'docker compose up', or Docker creates a directory there.");
                }
                else if (source is not null && InputFile.NotRegular(source) is { } what)
                {
                    error.WriteLine($"kcm-compose emit: warning: '{Path.GetFullPath(source)}' is {what}, not a regular file; Docker would mount it as it is: give the path of the file itself.");
                }
            }

            if (parse.GetValue(output) is not { } file)
            {
                if (parse.GetValue(force))
                {
                    return Usage("--force needs --output.");
                }

                await parse.InvocationConfiguration.Output.WriteAsync(stack.ToYaml()).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            try
            {
                if (!await stack.TryWriteComposeFileAsync(file.FullName, parse.GetValue(force), cancellationToken).ConfigureAwait(false))
                {
                    error.WriteLine($"kcm-compose emit: '{file.FullName}' already exists; pass --force to replace it.");
                    return ExitCodes.Failed;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"kcm-compose emit: cannot write '{file.FullName}': {e.Message}");
                return ExitCodes.Failed;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
