using System.Collections.Immutable;
using KcmCompose.IO;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace KcmCompose.Certificates;

/// <summary>
/// What one CA has revoked, read from its folder (<see cref="FromCaAsync"/>, which also knows every serial it issued) or
/// from a CRL it signed (<see cref="FromCrlAsync"/>). Serials are kept the way nginx prints <c>$ssl_client_serial</c>.
/// </summary>
public sealed record RevocationList
{
    /// <summary>The CA folder or CRL file read.</summary>
    public required string Source { get; init; }

    /// <summary>The issuing CA's name, as <see cref="CertificateChainElement.Subject"/> prints names.</summary>
    public required string Issuer { get; init; }

    /// <summary>The revoked certificates, in the order the source lists them.</summary>
    public ImmutableArray<RevokedCertificate> Revoked { get; init; } = [];

    /// <summary>Every serial the CA issued (nginx's form), or <see langword="null"/> when unknown (a CRL does not say).</summary>
    public ImmutableArray<string>? Issued { get; init; }

    internal X509Name? IssuerName { get; init; }

    /// <summary>The revocation of <paramref name="serial"/> (any hexadecimal spelling), or <see langword="null"/>.</summary>
    public RevokedCertificate? Find(string serial)
    {
        var wanted = NginxSerial(serial);
        return Revoked.FirstOrDefault(r => r.SerialNumber == wanted);
    }

    /// <summary>True when this list is the CA named <paramref name="issuer"/> (a certificate's issuer or a CA's subject).</summary>
    internal bool IsIssuer(X509Name issuer) => IssuerName?.Equivalent(issuer, true) ?? string.Equals(Issuer, issuer.ToString(), StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="serial"/> the way nginx prints <c>$ssl_client_serial</c> (OpenSSL's <c>i2a_ASN1_INTEGER</c>): the
    /// value's bytes without the sign byte, two upper-case hexadecimal digits each, so <c>a1b</c> becomes <c>0A1B</c> and a
    /// 20-byte serial keeps its 40 digits. Accepts colons, a <c>0x</c> prefix and leading zeros.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a hexadecimal number.</exception>
    public static string NginxSerial(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var hex = serial.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex[2..];
        }

        if (hex.Length == 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{serial}' is not a hexadecimal serial number", nameof(serial));
        }

        return NginxSerial(new BigInteger(hex, 16));
    }

    internal static string NginxSerial(BigInteger serial)
    {
        var bytes = serial.Abs().ToByteArrayUnsigned();
        var text = bytes.Length == 0 ? "00" : Convert.ToHexString(bytes);
        return serial.SignValue < 0 ? "-" + text : text;
    }

    /// <summary>Reads the CA in <paramref name="directory"/>: its certificate, and from its index what it issued and revoked.</summary>
    /// <exception cref="PkiException">No CA there, or its index or certificate cannot be read.</exception>
    public static async Task<RevocationList> FromCaAsync(string directory, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var authority = new CertificateAuthority(directory, timeProvider);
        var issued = await authority.ListAsync(cancellationToken).ConfigureAwait(false);
        var certificate = PkiCertificates.ReadCertificate(
            await InputFile.ReadAllBytesAsync(authority.CertificatePath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false),
            authority.CertificatePath);
        return new RevocationList
        {
            Source = directory,
            Issuer = certificate.SubjectDN.ToString(),
            IssuerName = certificate.SubjectDN,
            Revoked = [.. issued.Where(c => c.RevokedAt is not null).Select(c => new RevokedCertificate(NginxSerial(c.SerialNumber), c.RevokedAt!.Value, c.Name))],
            Issued = [.. issued.Select(c => NginxSerial(c.SerialNumber))],
        };
    }

    /// <summary>Reads a CRL (PEM or DER). Its signature is not checked here: pass the CRL of the CA the proxy trusts.</summary>
    /// <exception cref="PkiException">The file cannot be read or is not a CRL.</exception>
    public static async Task<RevocationList> FromCrlAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] content;
        try
        {
            content = await InputFile.ReadAllBytesAsync(path, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiException($"cannot read CRL '{path}': {e.Message}", e);
        }

        X509Crl? crl;
        try
        {
            crl = new X509CrlParser().ReadCrl(content);
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CrlException or IOException or ArgumentException or InvalidCastException)
        {
            throw new PkiException($"'{path}' is not a CRL: {PkiKeys.OneLine(e.Message)}; write one with 'kcm-compose crl --ca-dir DIR' or 'openssl ca -gencrl'", e);
        }

        if (crl is null)
        {
            throw new PkiException($"'{path}' holds no CRL: write one with 'kcm-compose crl --ca-dir DIR' or 'openssl ca -gencrl'");
        }

        var entries = (IEnumerable<X509CrlEntry>?)crl.GetRevokedCertificates() ?? [];
        return new RevocationList
        {
            Source = path,
            Issuer = crl.IssuerDN.ToString(),
            IssuerName = crl.IssuerDN,
            Revoked = [.. entries.OrderBy(e => e.SerialNumber).Select(e => new RevokedCertificate(NginxSerial(e.SerialNumber), PkiCertificates.Utc(e.RevocationDate)))],
        };
    }
}
