using System.Collections.Immutable;

namespace KcmCompose.Certificates;

/// <summary>
/// What <see cref="CaFile"/> found in a CA file: whether nginx can load it and the certificates nginx would
/// trust. Time-dependent judgements (expired, expiring) are left to the caller, who owns the clock.
/// </summary>
public sealed record CaFileAnalysis
{
    /// <summary>Whether nginx could load the file.</summary>
    public required CaFileStatus Status { get; init; }

    /// <summary>One sentence saying why the file cannot be used; <see langword="null"/> when <see cref="Status"/> is <see cref="CaFileStatus.Loadable"/>.</summary>
    public string? Problem { get; init; }

    /// <summary>The line in the file the problem is on, from 1; 0 when it concerns the whole file.</summary>
    public int ProblemLine { get; init; }

    /// <summary>The file's length in bytes (0 when it could not be read).</summary>
    public long Length { get; init; }

    /// <summary>The certificates nginx trusts (plain <c>CERTIFICATE</c> and <c>TRUSTED CERTIFICATE</c> blocks), in file order; a repeated certificate is listed once.</summary>
    public ImmutableArray<CertificateChainElement> Certificates { get; init; } = [];

    /// <summary>Blocks nginx reads but does not trust (keys, CRLs, unknown labels), as "LABEL (line N)".</summary>
    public ImmutableArray<string> OtherBlocks { get; init; } = [];

    /// <summary><see langword="true"/> when <see cref="Status"/> is <see cref="CaFileStatus.Loadable"/>.</summary>
    public bool IsLoadable => Status == CaFileStatus.Loadable;

    /// <summary>
    /// The certificates in the file that are not self-signed and whose issuer is not in the file either:
    /// OpenSSL cannot reach a root from them, so every client chain through them fails.
    /// </summary>
    public ImmutableArray<CertificateChainElement> IncompleteChains =>
        [.. Certificates.Where(c => !c.IsSelfSigned && !Certificates.Any(i => !i.SameAs(c) && c.CouldBeIssuedBy(i) && c.IsSignedBy(i)))];

    /// <summary>
    /// The smallest <c>ssl_verify_depth</c> with which a client certificate issued by any CA in the file verifies:
    /// the number of certificates between the deepest CA in the file and its root (0 when the file holds roots only).
    /// </summary>
    public int RequiredVerifyDepth => Certificates.IsEmpty ? 0 : Certificates.Max(DepthBelowRoot);

    /// <summary>The CA in the file with the most certificates between it and its root.</summary>
    internal CertificateChainElement? DeepestCa => Certificates.IsEmpty ? null : Certificates.MaxBy(DepthBelowRoot);

    /// <summary>How many issuers in the file stand between <paramref name="certificate"/> and a self-signed root (or the end of what the file holds).</summary>
    internal int DepthBelowRoot(CertificateChainElement certificate)
    {
        var depth = 0;
        var current = certificate;
        var seen = new HashSet<string>(StringComparer.Ordinal) { current.Sha256Fingerprint };
        while (!current.IsSelfSigned)
        {
            var issuer = Certificates.FirstOrDefault(i => !seen.Contains(i.Sha256Fingerprint) && current.CouldBeIssuedBy(i) && current.IsSignedBy(i));
            if (issuer is null)
            {
                break;
            }

            depth++;
            seen.Add(issuer.Sha256Fingerprint);
            current = issuer;
        }

        return depth;
    }
}
