using System.CommandLine;
using System.Globalization;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using KcmCompose.Certificates;
using KcmCompose.Verification;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose verify URL</c>: a live endpoint must reject a client without a certificate or with one from another CA, and admit one with its certificate.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var url = new Argument<string>("URL") { Description = "The https endpoint, for example https://kcm.example.com/." };
        var pfx = new Option<string>("--client-pfx") { Description = "The client certificate and key as a .pfx/.p12 file." };
        var pfxPassphrase = PkiCommandSupport.PassphraseOptions.Create("pfx-passphrase", "passphrase of the .pfx (or of --client-key)");
        var cert = new Option<string>("--client-cert") { Description = "The client certificate (PEM); with --client-key." };
        var key = new Option<string>("--client-key") { Description = "The client private key (PEM, encrypted or not); with --client-cert." };
        var serverCa = new Option<string>("--server-ca") { Description = "Trust only the CA certificates in this PEM file for the server certificate." };
        var insecure = new Option<bool>("--insecure") { Description = "Do not check the server certificate (reported in the output)." };
        var timeout = new Option<string>("--timeout")
        {
            Description = "The most each probe may take: 10s (default), 1m, 30 (seconds); 1 s or more.",
            DefaultValueFactory = _ => "10s",
        };
        var expect = new Option<int?>("--expect-status") { Description = "The status the request with the certificate must get (default: any that is not a refusal)." };
        var resolve = new Option<string?>("--resolve") { Description = "HOST:PORT:ADDRESS, as curl: connect to ADDRESS for the URL's HOST and PORT, keeping HOST as the TLS server name (SNI), so the proxy's server for HOST answers." };
        var format = Conventions.CommandOutput.FormatOption();

        var command = new Command("verify", "Check that a live endpoint rejects a client without a certificate or with one from another CA, and admits one with its certificate.");
        command.Arguments.Add(url);
        command.Options.Add(pfx);
        pfxPassphrase.AddTo(command);
        command.Options.Add(cert);
        command.Options.Add(key);
        command.Options.Add(serverCa);
        command.Options.Add(insecure);
        command.Options.Add(timeout);
        command.Options.Add(expect);
        command.Options.Add(resolve);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var request = await BuildRequestAsync(parse, cancellationToken).ConfigureAwait(false);
                var result = await EndpointVerifier.VerifyAsync(request, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(format) == "json")
                {
                    await output.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
                }
                else
                {
                    if (result.WithCertificate.ServerCertificateSubject is { } subject)
                    {
                        // Which nginx server answered: with SERVERS, the one whose certificate is sent for this name (SNI).
                        await output.WriteLineAsync($"server: {request.Uri.IdnHost} (SNI) answered with the certificate of {subject}").ConfigureAwait(false);
                    }

                    await output.WriteLineAsync(result.WithoutCertificate.Verdict).ConfigureAwait(false);
                    await output.WriteLineAsync(result.WithCertificate.Verdict).ConfigureAwait(false);
                    await output.WriteLineAsync(result.ForeignCertificate.Verdict).ConfigureAwait(false);
                    if (!result.ServerCertificateChecked)
                    {
                        await error.WriteLineAsync("kcm-compose: warning: the server certificate was not checked (--insecure).").ConfigureAwait(false);
                    }
                }

                return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
            }
            catch (EndpointVerificationException e)
            {
                await error.WriteLineAsync($"kcm-compose: could not verify: {OneLine(e.Message)}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is ArgumentException or PkiException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"kcm-compose: {Conventions.UserMessage.Of(e)} (see 'kcm-compose verify --help')").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            async Task<EndpointVerificationRequest> BuildRequestAsync(ParseResult p, CancellationToken token)
            {
                if (!Uri.TryCreate(p.GetValue(url), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    throw new ArgumentException($"'{p.GetValue(url)}' is not an https:// URL");
                }

                if (!DockerCommandSupport.TryParseTimeout(p.GetValue(timeout)!, out var limit) || limit < TimeSpan.FromSeconds(1))
                {
                    throw new ArgumentException($"--timeout '{p.GetValue(timeout)}' is not a duration of 1 s or more (10s, 1m, 30)");
                }

                var (pfxFile, certFile, keyFile) = (p.GetValue(pfx), p.GetValue(cert), p.GetValue(key));
                var passphrase = await pfxPassphrase.ReadAsync(p, token).ConfigureAwait(false);
                ClientCertificateSource source;
                if (pfxFile is not null && certFile is null && keyFile is null)
                {
                    source = ClientCertificateSource.FromPfxFile(pfxFile, passphrase);
                }
                else if (pfxFile is null && certFile is not null && keyFile is not null)
                {
                    source = ClientCertificateSource.FromPemFiles(certFile, keyFile, passphrase);
                }
                else
                {
                    throw new ArgumentException("give the client certificate as --client-pfx F, or as --client-cert F with --client-key F");
                }

                var ca = p.GetValue(serverCa);
                var skip = p.GetValue(insecure);
                if (ca is not null && skip)
                {
                    throw new ArgumentException("give --server-ca or --insecure, not both");
                }

                string? address = null;
                if (p.GetValue(resolve) is { } pin)
                {
                    var parts = pin.Split(':', 3);
                    if (parts.Length != 3 || parts[2].Length == 0 || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pinPort))
                    {
                        throw new ArgumentException($"--resolve '{pin}' is not HOST:PORT:ADDRESS");
                    }

                    if (string.Equals(parts[0], uri.Host, StringComparison.OrdinalIgnoreCase) && pinPort == uri.Port)
                    {
                        address = parts[2].Trim('[', ']');
                    }
                }

                return new EndpointVerificationRequest
                {
                    Uri = uri,
                    ConnectAddress = address,
                    ClientCertificate = source,
                    ServerCaFile = ca,
                    InsecureSkipServerCertificateCheck = skip,
                    Timeout = limit,
                    ExpectedStatusCode = p.GetValue(expect),
                };
            }
        });
        return command;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
