using System.Collections.Immutable;

namespace KcmCompose.Certificates;

/// <summary>
/// The certificates a client presents: its own certificate first, then any intermediates it sends
/// (as <c>curl --cert bundle.pem</c> or a browser with a PKCS#12 holding the chain does).
/// </summary>
public sealed record CertificateChain
{
    private CertificateChain(ImmutableArray<CertificateChainElement> certificates) => Certificates = certificates;

    /// <summary>The client's certificate followed by the intermediates it sends; never empty.</summary>
    public ImmutableArray<CertificateChainElement> Certificates { get; }

    /// <summary>The client's own certificate.</summary>
    public CertificateChainElement Leaf => Certificates[0];

    /// <summary>Reads a PEM bundle (certificates in order, other blocks such as keys skipped) or one DER certificate.</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="FormatException">The content holds no certificate, or a malformed one; the message says where.</exception>
    public static CertificateChain Parse(ReadOnlySpan<byte> content)
    {
        var pem = CaFilePemReader.Read(content);
        if (pem.Error is { } error)
        {
            throw new FormatException($"line {error.Line}: {error.Message}");
        }

        var certificates = ImmutableArray.CreateBuilder<CertificateChainElement>();
        foreach (var block in pem.Blocks.Where(b => b.Kind is CaFilePemKind.Certificate or CaFilePemKind.TrustedCertificate))
        {
            certificates.Add(ParseOne(block.Der, block.Line));
        }

        if (certificates.Count == 0 && pem.Blocks.IsEmpty && !content.IsEmpty)
        {
            certificates.Add(ParseOne(content.ToArray(), 0));
        }

        if (certificates.Count == 0)
        {
            throw new FormatException("no certificate found: expected a PEM 'CERTIFICATE' block or a DER certificate");
        }

        return new CertificateChain(certificates.ToImmutable());
    }

    /// <summary>Reads a client certificate file (PEM bundle or DER).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="FormatException">The file holds no usable certificate.</exception>
    /// <exception cref="IOException">The file is missing or cannot be read; the message says why.</exception>
    public static async Task<CertificateChain> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var read = await CaFileReader.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (read.Content is not { } content)
        {
            throw read.Status == CaFileStatus.Missing ? new FileNotFoundException(read.Problem, path) : new IOException(read.Problem);
        }

        return Parse(content);
    }

    /// <summary>Builds a chain from certificates already parsed (for example from a CA file).</summary>
    /// <param name="certificates">The leaf first.</param>
    /// <returns>The chain.</returns>
    public static CertificateChain Of(IEnumerable<CertificateChainElement> certificates)
    {
        var list = certificates.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new ArgumentException("A chain needs at least one certificate.", nameof(certificates));
        }

        return new CertificateChain(list);
    }

    private static CertificateChainElement ParseOne(byte[] der, int line)
    {
        try
        {
            return CertificateChainElement.FromDer(der, line);
        }
        catch (Exception ex) when (CaFile.IsParseFailure(ex))
        {
            throw new FormatException(line > 0 ? $"line {line}: not a valid X.509 certificate ({ex.Message})" : $"not a valid X.509 certificate ({ex.Message})", ex);
        }
    }
}
