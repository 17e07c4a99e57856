using System.Collections.Immutable;
using System.Globalization;
using Org.BouncyCastle.Security.Certificates;

namespace KcmCompose.Certificates;

/// <summary>
/// Reads a file meant for nginx's <c>ssl_client_certificate</c> the way nginx (OpenSSL 3.0) does, so that the
/// checks can say in advance whether nginx will start and which certificates it will trust.
/// </summary>
public static class CaFile
{
    /// <summary>Analyzes the content of a CA file.</summary>
    /// <param name="content">The bytes of the file.</param>
    /// <returns>The analysis; never throws on bad content.</returns>
    public static CaFileAnalysis Analyze(ReadOnlySpan<byte> content)
    {
        var pem = CaFilePemReader.Read(content);
        if (pem.Error is { } error)
        {
            return new CaFileAnalysis
            {
                Status = CaFileStatus.NotPem,
                Problem = error.Message,
                ProblemLine = error.Line,
                Length = content.Length,
            };
        }

        var certificates = ImmutableArray.CreateBuilder<CertificateChainElement>();
        var others = ImmutableArray.CreateBuilder<string>();
        var plainCertificates = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var crls = 0;
        foreach (var block in pem.Blocks)
        {
            switch (block.Kind)
            {
                case CaFilePemKind.Certificate or CaFilePemKind.TrustedCertificate:
                    plainCertificates += block.Kind == CaFilePemKind.Certificate ? 1 : 0;
                    if (!seen.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(block.Der))))
                    {
                        break; // OpenSSL's store keeps one copy of a repeated certificate.
                    }

                    try
                    {
                        certificates.Add(CertificateChainElement.FromDer(block.Der, block.Line));
                    }
                    catch (Exception ex) when (IsParseFailure(ex))
                    {
                        return new CaFileAnalysis
                        {
                            Status = CaFileStatus.NotPem,
                            Problem = $"the '{block.Label}' block on line {block.Line} is not a valid X.509 certificate ({ex.Message})",
                            ProblemLine = block.Line,
                            Length = content.Length,
                        };
                    }

                    break;
                case CaFilePemKind.Crl:
                    crls++;
                    others.Add(Describe(block));
                    break;
                default:
                    others.Add(Describe(block));
                    break;
            }
        }

        string? problem = null;
        if (content.IsEmpty)
        {
            problem = "the file is empty";
        }
        else if (certificates.Count + crls == 0)
        {
            problem = pem.Blocks.IsEmpty
                ? "the file holds no PEM block ('-----BEGIN CERTIFICATE-----' at the start of a line); it may be DER or not a certificate at all"
                : $"the file holds no certificate, only {string.Join(", ", others)}";
        }
        else if (plainCertificates == 0)
        {
            problem = "the file holds no plain 'CERTIFICATE' block, which nginx needs for the list of accepted CAs it sends to clients";
        }

        return new CaFileAnalysis
        {
            Status = problem is null ? CaFileStatus.Loadable : CaFileStatus.NotPem,
            Problem = problem,
            ProblemLine = 0,
            Length = content.Length,
            Certificates = certificates.ToImmutable(),
            OtherBlocks = others.ToImmutable(),
        };
    }

    /// <summary>Reads and analyzes a CA file; a missing or unreadable file is a status, not an exception.</summary>
    /// <param name="path">The file on this machine.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The analysis.</returns>
    public static async Task<CaFileAnalysis> AnalyzeFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var read = await CaFileReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        return read.Content is { } content
            ? Analyze(content)
            : new CaFileAnalysis { Status = read.Status, Problem = read.Problem };
    }

    /// <summary>The synchronous twin of <see cref="AnalyzeFileAsync"/>, for the validation rules.</summary>
    internal static CaFileAnalysis AnalyzeFile(string path)
    {
        var read = CaFileReader.Read(path);
        return read.Content is { } content
            ? Analyze(content)
            : new CaFileAnalysis { Status = read.Status, Problem = read.Problem };
    }

    internal static bool IsParseFailure(Exception ex) =>
        ex is CertificateException or Org.BouncyCastle.Security.GeneralSecurityException or IOException or ArgumentException
            or InvalidOperationException or InvalidCastException or FormatException or OverflowException or IndexOutOfRangeException;

    private static string Describe(CaFilePemBlock block) =>
        string.Create(CultureInfo.InvariantCulture, $"{block.Label} (line {block.Line})");
}
