using System.CommandLine;
using KcmCompose.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose check-client CLIENT_CERT [FILE] [--format text|json]</c>: would the proxy accept this client certificate?</summary>
internal static class CheckClientCommand
{
    public static Command Create()
    {
        var certificate = new Argument<string>("CLIENT_CERT")
        {
            Description = "The client certificate (PEM, optionally followed by the intermediates the client sends, or DER).",
        };
        var file = new ComposeFileOptions();
        var format = Conventions.CommandOutput.FormatOption();
        var revocations = new RevocationOptions();
        var server = new Option<string?>("--server") { Description = "Answer for the nginx server of this host name (a SERVERS entry, with what it inherits); default: the top-level server." };

        var command = new Command("check-client", "Tell whether the proxy configured in FILE would accept CLIENT_CERT (chain, CA file, depth, validity, key usage). Exit 0 accept, 1 reject, 2 could not run.");
        command.Arguments.Add(certificate);
        file.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(server);
        revocations.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var json = parse.GetValue(format) == "json";
            ClientCertificateCheckResult result;
            ClientRevocationResult revocation;
            try
            {
                var files = file.Resolve(parse);
                result = await ClientCertificateCheckRunner.CheckServerFilesAsync(parse.GetValue(certificate)!, files, parse.GetValue(file.ProjectName), parse.GetValue(server), cancellationToken: cancellationToken).ConfigureAwait(false);
                var revoked = await revocations.LoadAsync(parse, cancellationToken).ConfigureAwait(false);
                revocation = await ClientRevocationCheck.CheckServerFilesAsync(parse.GetValue(certificate)!, files, parse.GetValue(file.ProjectName), revoked, parse.GetValue(server), cancellationToken).ConfigureAwait(false);
                result = RevocationOptions.Combine(result, revocation);
            }
            catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or PkiException)
            {
                return await FailAsync(output, error, json, ex.Message).ConfigureAwait(false);
            }
            catch (ClientCertificateCheckException ex)
            {
                return await FailAsync(output, error, json, ex.Message, ex.Code).ConfigureAwait(false);
            }

            if (json)
            {
                await output.WriteLineAsync(ClientCertificateCheckJson.Format(result, revocation)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{(result.Accepted ? "accept" : "reject")}: {result.Reason}").ConfigureAwait(false);
            }

            return result.Accepted ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    /// <summary>The check could not run: exit 2; or a finding in the compose file stops it (<paramref name="code"/>, as validate reports it): exit 1.</summary>
    private static async Task<int> FailAsync(TextWriter output, TextWriter error, bool json, string message, string? code = null)
    {
        if (json)
        {
            await output.WriteLineAsync(ClientCertificateCheckJson.FormatFailure(message, code)).ConfigureAwait(false);
        }

        await error.WriteLineAsync(code is null ? $"kcm-compose check-client: {message}" : $"kcm-compose check-client: {code}: {message}").ConfigureAwait(false);
        return code is null ? ExitCodes.Usage : ExitCodes.Failed;
    }
}
