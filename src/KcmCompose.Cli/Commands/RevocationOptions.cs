using System.CommandLine;
using KcmCompose.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Cli.Commands;

/// <summary><c>--ca-dir DIR | --crl FILE</c>: where <c>validate</c> and <c>check-client</c> learn what the client CA revoked.</summary>
internal sealed class RevocationOptions
{
    public Option<string?> CaDirectory { get; } = new("--ca-dir")
    {
        Description = "The kcm-compose CA folder whose index says what was issued and revoked; the proxy's deny list is checked against it.",
    };

    public Option<string?> Crl { get; } = new("--crl")
    {
        Description = "A CRL (PEM or DER) of the client CA, instead of --ca-dir; the proxy's deny list is checked against it.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(CaDirectory);
        command.Options.Add(Crl);
        command.Validators.Add(result =>
        {
            if (result.GetValue(CaDirectory) is not null && result.GetValue(Crl) is not null)
            {
                result.AddError("Pass either --ca-dir or --crl, not both.");
            }
        });
    }

    /// <summary>The revocations named on the command line, or <see langword="null"/> when neither option is given.</summary>
    /// <exception cref="PkiException">The CA folder or CRL cannot be read.</exception>
    public async Task<RevocationList?> LoadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(CaDirectory) is { } directory)
        {
            return await RevocationList.FromCaAsync(directory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return parse.GetValue(Crl) is { } crl ? await RevocationList.FromCrlAsync(crl, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// The chain verdict, turned into a rejection when the certificate is revoked (<c>client-revoked</c>) or the proxy's
    /// deny list refuses it (nginx answers 403), with the revocation sentence as the reason.
    /// </summary>
    public static ClientCertificateCheckResult Combine(ClientCertificateCheckResult result, ClientRevocationResult revocation)
    {
        if (!result.Accepted || !revocation.Rejects)
        {
            return result;
        }

        return result with
        {
            Accepted = false,
            Error = revocation.IsRevoked ? ClientCertificateCheckError.Revoked : ClientCertificateCheckError.None,
            Errors = revocation.IsRevoked ? [ClientCertificateCheckError.Revoked] : [],
            Reason = revocation.Reason,
        };
    }
}
