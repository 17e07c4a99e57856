using System.Collections.Immutable;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace KcmCompose.Certificates;

/// <summary>
/// One X.509 certificate as the checks see it: names, validity, CA flag, key and signature strength.
/// Built from a CA file (<see cref="CaFile"/>) or a client chain (<see cref="CertificateChain"/>).
/// </summary>
public sealed record CertificateChainElement
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private readonly Lazy<bool> selfSigned;

    // Built once, and only when .NET cannot check a signature: BouncyCastle validates an RSA modulus every time it
    // builds the key, which is costly.
    private readonly Lazy<AsymmetricKeyParameter?> publicKey;

    // The key in .NET's own types, which check the common RSA and ECDSA signatures without that cost.
    private readonly Lazy<DotNetSignature.IssuerKey> dotNetKey;

    private CertificateChainElement(X509Certificate native, int line)
    {
        Native = native;
        Line = line;
        Subject = native.SubjectDN.ToString();
        Issuer = native.IssuerDN.ToString();
        SerialNumber = native.SerialNumber.ToString(16).ToUpperInvariant();
        NotBefore = new DateTimeOffset(DateTime.SpecifyKind(native.NotBefore, DateTimeKind.Utc));
        NotAfter = new DateTimeOffset(DateTime.SpecifyKind(native.NotAfter, DateTimeKind.Utc));
        var basic = BasicConstraints.GetInstance(native.GetExtensionParsedValue(X509Extensions.BasicConstraints));
        HasBasicConstraints = basic is not null;
        IsCa = basic?.IsCA() ?? false;
        PathLengthConstraint = basic?.PathLenConstraint is { } pathLength ? pathLength.IntValueExact : null;
        KeyUsage = native.GetKeyUsage() is { } usage ? [.. usage] : null;
        ExtendedKeyUsage = native.GetExtensionValue(X509Extensions.ExtendedKeyUsage) is null
            ? null
            : [.. native.GetExtendedKeyUsage().Select(o => o.Id)];
        SignatureAlgorithm = native.SigAlgName;
        (KeyAlgorithm, KeySize) = DescribeKey(native);
        IsSelfIssued = native.SubjectDN.Equivalent(native.IssuerDN, true);
        publicKey = new Lazy<AsymmetricKeyParameter?>(() => ReadPublicKey(native));
        dotNetKey = new Lazy<DotNetSignature.IssuerKey>(() => DotNetSignature.IssuerKey.Import(native.SubjectPublicKeyInfo));
        selfSigned = new Lazy<bool>(() => IsSelfIssued && IsSignedBy(this));
        SubjectKeyId = KeyId(native, X509Extensions.SubjectKeyIdentifier);
        AuthorityKeyId = AuthorityKeyIdOf(native);
        HostNames = ReadHostNames(native);
        Sha256Fingerprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(native.GetEncoded()));
    }

    /// <summary>The subject, in OpenSSL's one-line order (<c>CN=...,O=...</c> as BouncyCastle prints it).</summary>
    public string Subject { get; }

    /// <summary>The issuer's name.</summary>
    public string Issuer { get; }

    /// <summary>The serial number in upper-case hexadecimal.</summary>
    public string SerialNumber { get; }

    /// <summary>Valid from (UTC).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>Valid until (UTC).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Whether the certificate has a basicConstraints extension at all.</summary>
    public bool HasBasicConstraints { get; }

    /// <summary>Whether basicConstraints says <c>CA:TRUE</c>.</summary>
    public bool IsCa { get; }

    /// <summary>The basicConstraints path length, when set.</summary>
    public int? PathLengthConstraint { get; }

    /// <summary>The nine keyUsage bits (digitalSignature first), or <see langword="null"/> without the extension.</summary>
    public ImmutableArray<bool>? KeyUsage { get; }

    /// <summary>The extendedKeyUsage OIDs, or <see langword="null"/> without the extension.</summary>
    public ImmutableArray<string>? ExtendedKeyUsage { get; }

    /// <summary>The signature algorithm, such as <c>SHA256WITHRSA</c>.</summary>
    public string SignatureAlgorithm { get; }

    /// <summary>The key algorithm: <c>RSA</c>, <c>EC</c>, <c>DSA</c>, <c>Ed25519</c>, <c>Ed448</c> or the OID.</summary>
    public string KeyAlgorithm { get; }

    /// <summary>The key size in bits (RSA modulus, EC field size).</summary>
    public int KeySize { get; }

    /// <summary>Subject equals issuer.</summary>
    public bool IsSelfIssued { get; }

    /// <summary>Subject equals issuer and the certificate's own key verifies its signature (a root).</summary>
    public bool IsSelfSigned => selfSigned.Value;

    /// <summary>The line of the PEM BEGIN line in its file, from 1; 0 for DER input.</summary>
    public int Line { get; }

    /// <summary>The SHA-256 fingerprint of the DER encoding, upper-case hexadecimal.</summary>
    public string Sha256Fingerprint { get; }

    /// <summary>
    /// The key is below what OpenSSL's default security level 2 (Debian, the nginx image) accepts in a chain:
    /// 112 bits, that is RSA or DSA below 2048 bits or EC below 224 bits.
    /// </summary>
    public bool HasWeakKey => KeyAlgorithm switch
    {
        "RSA" or "DSA" => KeySize < 2048,
        "EC" => KeySize < 224,
        _ => false,
    };

    /// <summary>The signature uses MD2, MD4, MD5 or SHA-1, which security level 1 and above reject below the trust anchor.</summary>
    public bool HasWeakSignature =>
        SignatureAlgorithm.StartsWith("MD", StringComparison.OrdinalIgnoreCase)
        || SignatureAlgorithm.StartsWith("SHA1", StringComparison.OrdinalIgnoreCase)
        || SignatureAlgorithm.StartsWith("SHA-1", StringComparison.OrdinalIgnoreCase);

    internal X509Certificate Native { get; }

    /// <summary>The subject's public key, or <see langword="null"/> when BouncyCastle cannot build it.</summary>
    internal AsymmetricKeyParameter? PublicKey => publicKey.Value;

    /// <summary>Whether the BouncyCastle key object was built (for the tests: the common signatures do without it).</summary>
    internal bool BouncyCastleKeyBuilt => publicKey.IsValueCreated;

    /// <summary>The DNS names and IP addresses of subjectAltName; the CN when there is no DNS or IP name.</summary>
    internal ImmutableArray<string> HostNames { get; }

    internal byte[]? SubjectKeyId { get; }

    internal byte[]? AuthorityKeyId { get; }

    internal bool HasClientAuthUsage => ExtendedKeyUsage is not { } eku || eku.Contains(ClientAuthOid);

    /// <summary>keyCertSign (bit 5) is allowed: no keyUsage, or keyUsage with the bit.</summary>
    internal bool MaySignCertificates => KeyUsage is not { } ku || (ku.Length > 5 && ku[5]);

    /// <summary>OpenSSL's <c>X509_check_ca</c>: 0 not a CA; 1 basicConstraints CA:TRUE; 3 v1 root; 4 keyUsage keyCertSign only.</summary>
    internal int OpenSslCaKind
    {
        get
        {
            if (!MaySignCertificates)
            {
                return 0;
            }

            if (HasBasicConstraints)
            {
                return IsCa ? 1 : 0;
            }

            if (Native.Version == 1 && IsSelfSigned)
            {
                return 3;
            }

            return KeyUsage is not null ? 4 : 0;
        }
    }

    /// <summary>Reads one DER certificate; throws BouncyCastle parse errors on bad input.</summary>
    internal static CertificateChainElement FromDer(byte[] der, int line)
    {
        var native = new X509CertificateParser().ReadCertificate(der)
            ?? throw new Org.BouncyCastle.Security.Certificates.CertificateException("no certificate in the data");
        return new CertificateChainElement(native, line);
    }

    /// <summary>Whether <paramref name="issuer"/>'s key verifies this certificate's signature.</summary>
    internal bool IsSignedBy(CertificateChainElement issuer)
    {
        if (DotNetSignature.Verify(Native.CertificateStructure, issuer.dotNetKey.Value) is { } verified)
        {
            return verified;
        }

        if (issuer.publicKey.Value is not { } key)
        {
            return false;
        }

        try
        {
            return Native.IsSignatureValid(key);
        }
        catch (Exception ex) when (ex is GeneralSecurityException or InvalidOperationException or ArgumentException or NotSupportedException or InvalidCastException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    /// <summary>
    /// OpenSSL's <c>X509_check_issued</c> without the signature: names match, the authority key id (when both
    /// sides have one) matches, and the issuer may sign certificates.
    /// </summary>
    internal bool CouldBeIssuedBy(CertificateChainElement issuer)
    {
        if (!Native.IssuerDN.Equivalent(issuer.Native.SubjectDN, true))
        {
            return false;
        }

        if (AuthorityKeyId is not null && issuer.SubjectKeyId is not null && !AuthorityKeyId.AsSpan().SequenceEqual(issuer.SubjectKeyId))
        {
            return false;
        }

        return issuer.MaySignCertificates || ReferenceEquals(issuer, this);
    }

    internal bool SameAs(CertificateChainElement other) => Sha256Fingerprint == other.Sha256Fingerprint;

    /// <inheritdoc/>
    public bool Equals(CertificateChainElement? other) => other is not null && SameAs(other) && Line == other.Line;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sha256Fingerprint, Line);

    private static AsymmetricKeyParameter? ReadPublicKey(X509Certificate native)
    {
        try
        {
            return native.GetPublicKey();
        }
        catch (Exception ex) when (ex is GeneralSecurityException or ArgumentException or InvalidOperationException or NotSupportedException or InvalidCastException or IOException)
        {
            return null;
        }
    }

    /// <summary>The key algorithm and size read from the encoded key, without building (and validating) the key.</summary>
    private static (string Algorithm, int Size) DescribeKey(X509Certificate native)
    {
        var info = native.SubjectPublicKeyInfo;
        var oid = info.Algorithm.Algorithm.Id;
        try
        {
            return oid switch
            {
                "1.2.840.113549.1.1.1" or "1.2.840.113549.1.1.10" => ("RSA", RsaPublicKeyStructure.GetInstance(info.ParsePublicKey()).Modulus.BitLength),
                "1.2.840.10045.2.1" => ("EC", EcFieldSize(info)),
                "1.2.840.10040.4.1" => ("DSA", DsaParameter.GetInstance(info.Algorithm.Parameters).P.BitLength),
                "1.3.101.112" => ("Ed25519", 256),
                "1.3.101.113" => ("Ed448", 456),
                _ => (oid, 0),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InvalidCastException or IOException or NullReferenceException)
        {
            return (oid, 0);
        }
    }

    private static int EcFieldSize(SubjectPublicKeyInfo info)
    {
        var parameters = Org.BouncyCastle.Asn1.X9.X962Parameters.GetInstance(info.Algorithm.Parameters);
        if (parameters.IsNamedCurve)
        {
            return Org.BouncyCastle.Asn1.X9.ECNamedCurveTable.GetByOid((DerObjectIdentifier)parameters.Parameters)?.Curve.FieldSize ?? 0;
        }

        return parameters.IsImplicitlyCA ? 0 : Org.BouncyCastle.Asn1.X9.X9ECParameters.GetInstance(parameters.Parameters).Curve.FieldSize;
    }

    private static ImmutableArray<string> ReadHostNames(X509Certificate native)
    {
        var names = new List<string>();
        if (native.GetExtensionParsedValue(X509Extensions.SubjectAlternativeName) is { } san)
        {
            foreach (var name in GeneralNames.GetInstance(san).GetNames())
            {
                if (name.TagNo == GeneralName.DnsName)
                {
                    names.Add(DerIA5String.GetInstance(name.Name).GetString());
                }
                else if (name.TagNo == GeneralName.IPAddress && Asn1OctetString.GetInstance(name.Name).GetOctets() is { Length: 4 or 16 } ip)
                {
                    names.Add(new System.Net.IPAddress(ip).ToString());
                }
            }
        }

        if (names.Count == 0)
        {
            names.AddRange(native.SubjectDN.GetValueList(X509Name.CN).Select(v => v.ToString()!));
        }

        return [.. names];
    }

    private static byte[]? KeyId(X509Certificate native, DerObjectIdentifier oid)
    {
        var value = native.GetExtensionParsedValue(oid);
        return value is null ? null : Asn1OctetString.GetInstance(value).GetOctets();
    }

    private static byte[]? AuthorityKeyIdOf(X509Certificate native)
    {
        var value = native.GetExtensionParsedValue(X509Extensions.AuthorityKeyIdentifier);
        return value is null ? null : AuthorityKeyIdentifier.GetInstance(value).KeyIdentifier?.GetOctets();
    }
}
