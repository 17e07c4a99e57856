using System.CommandLine;
using System.Text.Json;
using KcmCompose.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose check-client CLIENT_CERT [FILE] [--format text|json]</c>: would the proxy accept this client certificate?</summary>
internal static class CheckClientCommand
{
    private static readonly string[] DefaultFiles = ["docker-compose.yml", "docker-compose.yaml", "compose.yaml", "compose.yml"];

    public static Command Create()
    {
        var certificate = new Argument<string>("CLIENT_CERT")
        {
            Description = "The client certificate (PEM, optionally followed by the intermediates the client sends, or DER).",
        };
        var file = new Argument<string?>("FILE")
        {
            Description = "The compose file; defaults to docker-compose.yml, then compose.yaml, in the current folder.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text or json.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("check-client", "Tell whether the proxy configured in FILE would accept CLIENT_CERT (chain, CA file, depth, validity, key usage). Exit 0 accept, 1 reject, 2 could not run.");
        command.Arguments.Add(certificate);
        command.Arguments.Add(file);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var json = parse.GetValue(format) == "json";
            var composeFile = parse.GetValue(file) ?? DefaultFiles.FirstOrDefault(File.Exists);
            if (composeFile is null)
            {
                return await FailAsync(output, error, json, "no compose file given and none of docker-compose.yml, compose.yaml in the current folder").ConfigureAwait(false);
            }

            ClientCertificateCheckResult result;
            try
            {
                result = await ClientCertificateCheckRunner.CheckAsync(parse.GetValue(certificate)!, composeFile, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ClientCertificateCheckException ex)
            {
                return await FailAsync(output, error, json, ex.Message).ConfigureAwait(false);
            }

            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["verdict"] = result.Accepted ? "accept" : "reject",
                    ["reason"] = result.Reason,
                    ["error"] = result.Error == ClientCertificateCheckError.None ? null : result.Error.ToString(),
                    ["chain"] = result.Path.Select(c => c.Subject).ToArray(),
                })).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{(result.Accepted ? "accept" : "reject")}: {result.Reason}").ConfigureAwait(false);
            }

            return result.Accepted ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task<int> FailAsync(TextWriter output, TextWriter error, bool json, string message)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["verdict"] = "error", ["reason"] = message })).ConfigureAwait(false);
        }

        await error.WriteLineAsync($"kcm-compose check-client: {message}").ConfigureAwait(false);
        return ExitCodes.Usage;
    }
}
