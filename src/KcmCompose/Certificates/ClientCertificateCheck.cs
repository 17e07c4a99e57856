using System.Collections.Immutable;
using System.Globalization;

namespace KcmCompose.Certificates;

/// <summary>
/// Decides whether nginx would accept a client certificate, modelling OpenSSL 3.0's <c>X509_verify_cert</c> as
/// nginx configures it (rules measured against real nginx; see docs/certificate-checks.md):
/// the trust store is every certificate in the CA file; a chain is trusted only when it reaches a
/// self-signed certificate in the store (nginx does not set <c>X509_V_FLAG_PARTIAL_CHAIN</c>, so a file
/// with only an intermediate trusts nothing); <c>ssl_verify_depth N</c> allows N intermediates between the
/// client's certificate and the root; issuers need <c>CA:TRUE</c>; the client certificate needs the TLS
/// client purpose; every certificate must be valid now; keys and signatures must pass security level 2.
/// </summary>
public static class ClientCertificateCheck
{
    private const int MaxChainLength = 64;

    /// <summary>Evaluates a client chain against a CA file.</summary>
    /// <param name="client">The certificates the client sends, its own first.</param>
    /// <param name="caFile">The analyzed CA file (<c>ssl_client_certificate</c>).</param>
    /// <param name="verifyDepth"><c>ssl_verify_depth</c>: how many intermediates may stand between the client and the root. nginx defaults to 1.</param>
    /// <param name="mode"><c>ssl_verify_client</c>.</param>
    /// <param name="timeProvider">The clock for validity checks.</param>
    /// <returns>The verdict with its reason.</returns>
    public static ClientCertificateCheckResult Evaluate(
        CertificateChain client,
        CaFileAnalysis caFile,
        int verifyDepth,
        ClientCertificateCheckMode mode,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(caFile);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfNegative(verifyDepth);

        if (mode == ClientCertificateCheckMode.Off)
        {
            return new ClientCertificateCheckResult
            {
                Accepted = true,
                Reason = "SSL_VERIFY_CLIENT is off: nginx does not ask for a client certificate.",
                Path = [client.Leaf],
            };
        }

        if (!caFile.IsLoadable)
        {
            return new ClientCertificateCheckResult
            {
                Accepted = false,
                Error = ClientCertificateCheckError.CaFileUnusable,
                Errors = [ClientCertificateCheckError.CaFileUnusable],
                Reason = $"nginx would not start: the CA file cannot be loaded ({caFile.Problem}).",
            };
        }

        var errors = new List<(ClientCertificateCheckError Error, string Reason)>();
        var path = BuildPath(client, caFile.Certificates, out var trusted, errors);
        CheckDepth(path, trusted, verifyDepth, errors);
        CheckExtensions(path, trusted, errors);
        CheckSecurityLevel(path, trusted, errors);
        CheckSignaturesAndTimes(path, trusted, timeProvider.GetUtcNow(), errors);

        var blocking = mode == ClientCertificateCheckMode.OptionalNoCa
            ? errors.Where(e => e.Error is not (ClientCertificateCheckError.UnableToGetIssuerLocally or ClientCertificateCheckError.UntrustedSelfSigned)).ToList()
            : errors;
        var all = errors.Select(e => e.Error).ToImmutableArray();
        if (blocking.Count == 0)
        {
            var how = trusted
                ? string.Create(CultureInfo.InvariantCulture, $"the chain reaches the trusted root '{path[^1].Subject}' with {Math.Max(0, path.Length - 2)} intermediate(s), depth limit {verifyDepth}")
                : "SSL_VERIFY_CLIENT is optional_no_ca, which lets a chain without a trusted root through";
            return new ClientCertificateCheckResult { Accepted = true, Errors = all, Reason = $"Accepted: {how}.", Path = path };
        }

        return new ClientCertificateCheckResult
        {
            Accepted = false,
            Error = blocking[0].Error,
            Errors = all,
            Reason = blocking[0].Reason,
            Path = path,
        };
    }

    private static ImmutableArray<CertificateChainElement> BuildPath(
        CertificateChain client,
        ImmutableArray<CertificateChainElement> store,
        out bool trusted,
        List<(ClientCertificateCheckError, string)> errors)
    {
        var path = ImmutableArray.CreateBuilder<CertificateChainElement>();
        var untrusted = client.Certificates.RemoveAt(0);
        var current = client.Leaf;
        path.Add(current);
        trusted = false;
        while (path.Count <= MaxChainLength)
        {
            if (current.IsSelfSigned)
            {
                if (store.Any(s => s.SameAs(current)))
                {
                    trusted = true;
                }
                else
                {
                    errors.Add((ClientCertificateCheckError.UntrustedSelfSigned, path.Count == 1
                        ? $"Rejected: the client certificate '{current.Subject}' is self-signed and not in the CA file."
                        : $"Rejected: the chain ends in the self-signed '{current.Subject}', which is not in the CA file."));
                }

                break;
            }

            var seen = path.ToList();
            var issuer = FindIssuer(current, store, seen) ?? FindIssuer(current, untrusted, seen);
            if (issuer is null)
            {
                // OpenSSL tells apart a missing issuer above a trusted certificate (error 2) from one above a
                // certificate the client sent (error 20); nginx's optional_no_ca forgives only the second.
                errors.Add(store.Any(s => s.SameAs(current))
                    ? (ClientCertificateCheckError.UnableToGetIssuer,
                        $"Rejected: '{current.Subject}' is in the CA file but its issuer '{current.Issuer}' is not; nginx needs the chain up to a self-signed root in the CA file.")
                    : (ClientCertificateCheckError.UnableToGetIssuerLocally,
                        $"Rejected: the issuer '{current.Issuer}' of '{current.Subject}' is neither in the CA file nor sent by the client."));
                break;
            }

            path.Add(issuer);
            current = issuer;
        }

        return path.ToImmutable();
    }

    private static CertificateChainElement? FindIssuer(CertificateChainElement subject, IEnumerable<CertificateChainElement> candidates, List<CertificateChainElement> seen)
    {
        CertificateChainElement? fallback = null;
        foreach (var candidate in candidates)
        {
            if (seen.Any(s => s.SameAs(candidate)) || !subject.CouldBeIssuedBy(candidate))
            {
                continue;
            }

            if (subject.IsSignedBy(candidate))
            {
                return candidate;
            }

            fallback ??= candidate;
        }

        return fallback;
    }

    private static void CheckDepth(ImmutableArray<CertificateChainElement> path, bool trusted, int verifyDepth, List<(ClientCertificateCheckError, string)> errors)
    {
        // OpenSSL counts the leaf as level 0; depth N allows levels 0..N+1, the last being the trust anchor.
        var intermediates = path.Length - (trusted ? 2 : 1);
        if (intermediates > verifyDepth)
        {
            errors.Add((ClientCertificateCheckError.ChainTooLong, string.Create(CultureInfo.InvariantCulture,
                $"Rejected: the chain has {intermediates} intermediate(s) between the client certificate and the root but SSL_VERIFY_DEPTH is {verifyDepth}; set it to at least {intermediates}.")));
        }
    }

    private static void CheckExtensions(ImmutableArray<CertificateChainElement> path, bool trusted, List<(ClientCertificateCheckError, string)> errors)
    {
        var leaf = path[0];
        if (!leaf.HasClientAuthUsage || (leaf.KeyUsage is { } ku && !(ku[0] || (ku.Length > 4 && ku[4]))))
        {
            errors.Add((ClientCertificateCheckError.InvalidPurpose,
                $"Rejected: the client certificate '{leaf.Subject}' is not for TLS client authentication (its extendedKeyUsage lacks clientAuth or its keyUsage lacks digitalSignature)."));
        }

        for (var i = 1; i < path.Length; i++)
        {
            var ca = path[i];
            var isAnchor = trusted && i == path.Length - 1;
            var kind = ca.OpenSslCaKind;
            if (kind == 0 || (!isAnchor && kind != 1))
            {
                errors.Add((ClientCertificateCheckError.InvalidCa, $"Rejected: '{ca.Subject}' issues the certificate below it but is not a CA (no basicConstraints CA:TRUE)."));
            }

            if (ca.PathLengthConstraint is { } limit && i - 1 > limit)
            {
                errors.Add((ClientCertificateCheckError.PathLengthExceeded, string.Create(CultureInfo.InvariantCulture,
                    $"Rejected: '{ca.Subject}' allows {limit} intermediate(s) below it (pathlen) but the chain has {i - 1}.")));
            }

            if (!ca.HasClientAuthUsage)
            {
                errors.Add((ClientCertificateCheckError.InvalidPurpose, $"Rejected: the CA '{ca.Subject}' has an extendedKeyUsage without clientAuth, which OpenSSL applies to the whole chain."));
            }
        }
    }

    private static void CheckSecurityLevel(ImmutableArray<CertificateChainElement> path, bool trusted, List<(ClientCertificateCheckError, string)> errors)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var certificate = path[i];
            if (certificate.HasWeakKey)
            {
                errors.Add((ClientCertificateCheckError.KeyTooSmall, string.Create(CultureInfo.InvariantCulture,
                    $"Rejected: '{certificate.Subject}' has a {certificate.KeySize}-bit {certificate.KeyAlgorithm} key, below OpenSSL's security level 2 (RSA 2048).")));
            }

            var isAnchor = trusted && i == path.Length - 1;
            if (!isAnchor && certificate.HasWeakSignature)
            {
                errors.Add((ClientCertificateCheckError.WeakSignature, $"Rejected: '{certificate.Subject}' is signed with {certificate.SignatureAlgorithm}, which OpenSSL's security level rejects."));
            }
        }
    }

    private static void CheckSignaturesAndTimes(ImmutableArray<CertificateChainElement> path, bool trusted, DateTimeOffset now, List<(ClientCertificateCheckError, string)> errors)
    {
        for (var i = path.Length - 1; i >= 0; i--)
        {
            var certificate = path[i];
            if (i + 1 < path.Length && !certificate.IsSignedBy(path[i + 1]))
            {
                errors.Add((ClientCertificateCheckError.SignatureFailure, $"Rejected: the signature of '{certificate.Subject}' does not verify with the key of '{path[i + 1].Subject}'."));
            }

            if (now < certificate.NotBefore)
            {
                errors.Add((ClientCertificateCheckError.NotYetValid, string.Create(CultureInfo.InvariantCulture,
                    $"Rejected: '{certificate.Subject}' is not valid before {certificate.NotBefore:yyyy-MM-dd HH:mm:ss} UTC.")));
            }
            else if (now > certificate.NotAfter)
            {
                errors.Add((ClientCertificateCheckError.Expired, string.Create(CultureInfo.InvariantCulture,
                    $"Rejected: '{certificate.Subject}' expired on {certificate.NotAfter:yyyy-MM-dd HH:mm:ss} UTC.")));
            }
        }

        _ = trusted;
    }
}
