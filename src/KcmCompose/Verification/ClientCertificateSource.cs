using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KcmCompose.Certificates;
using KcmCompose.IO;
using Org.BouncyCastle.Crypto.Parameters;

namespace KcmCompose.Verification;

/// <summary>
/// Where the client certificate and its private key come from: a <c>.pfx</c> with its passphrase, a PEM certificate
/// and key (encrypted or not, in the forms <see cref="CertificateAuthority"/> reads), or a certificate already loaded.
/// </summary>
public sealed record ClientCertificateSource
{
    private ClientCertificateSource(string description)
    {
        Description = description;
    }

    /// <summary>What is presented, for messages: the file name(s) or the certificate subject.</summary>
    public string Description { get; }

    private string? PfxPath { get; init; }

    private string? CertificatePath { get; init; }

    private string? KeyPath { get; init; }

    private string? Passphrase { get; init; }

    private X509Certificate2? Certificate { get; init; }

    /// <summary>True when the certificate was handed in by the caller, who keeps owning (and disposing) it.</summary>
    internal bool IsCallerOwned => Certificate is not null;

    /// <summary>A PKCS#12 file (<c>.pfx</c>/<c>.p12</c>); <paramref name="passphrase"/> may be null for an unprotected file.</summary>
    public static ClientCertificateSource FromPfxFile(string path, string? passphrase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new ClientCertificateSource(path) { PfxPath = path, Passphrase = passphrase };
    }

    /// <summary>A PEM certificate and a PEM private key; <paramref name="keyPassphrase"/> is needed when the key is encrypted.</summary>
    public static ClientCertificateSource FromPemFiles(string certificatePath, string keyPath, string? keyPassphrase)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);
        return new ClientCertificateSource($"{certificatePath} + {keyPath}")
        {
            CertificatePath = certificatePath,
            KeyPath = keyPath,
            Passphrase = keyPassphrase,
        };
    }

    /// <summary>A certificate that already carries its private key.</summary>
    public static ClientCertificateSource FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"the certificate '{certificate.Subject}' has no private key; a client cannot present it", nameof(certificate));
        }

        return new ClientCertificateSource(certificate.Subject) { Certificate = certificate };
    }

    /// <summary>
    /// Loads the certificate with its key; problems throw <see cref="EndpointVerificationException"/>. The caller
    /// disposes what this returns, except the caller-owned certificate of <see cref="FromCertificate"/>.
    /// </summary>
    internal async Task<X509Certificate2> LoadAsync(CancellationToken cancellationToken)
    {
        if (Certificate is not null)
        {
            return Certificate;
        }

        return PfxPath is not null
            ? LoadPfx(await ReadBytesAsync(PfxPath, cancellationToken).ConfigureAwait(false))
            : await LoadPemAsync(cancellationToken).ConfigureAwait(false);
    }

    private X509Certificate2 LoadPfx(byte[] pfx)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(pfx, Passphrase, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new EndpointVerificationException(
                $"could not open '{PfxPath}' ({e.Message.TrimEnd('.')}): check the passphrase source, or that the file is a PKCS#12 (.pfx) file", e);
        }

        var chosen = all.FirstOrDefault(c => c.HasPrivateKey);
        foreach (var other in all.Where(c => !ReferenceEquals(c, chosen)))
        {
            other.Dispose();
        }

        return chosen ?? throw new EndpointVerificationException($"'{PfxPath}' holds no private key: export the .pfx with its key");
    }

    private async Task<X509Certificate2> LoadPemAsync(CancellationToken cancellationToken)
    {
        var certificateText = await ReadTextAsync(CertificatePath!, cancellationToken).ConfigureAwait(false);
        var keyText = await ReadTextAsync(KeyPath!, cancellationToken).ConfigureAwait(false);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificateText);
        }
        catch (CryptographicException e)
        {
            throw new EndpointVerificationException($"'{CertificatePath}' holds no readable PEM certificate ({e.Message.TrimEnd('.')})", e);
        }

        byte[] pkcs8;
        bool isRsa;
        try
        {
            using var key = PkiKeys.Read(keyText, Passphrase, KeyPath!);
            pkcs8 = key.ExportPkcs8();
            isRsa = key.IsRsa;
        }
        catch (PkiException e)
        {
            throw new EndpointVerificationException(e.Message, e);
        }

        using (certificate)
        {
            X509Certificate2 withKey;
            try
            {
                if (isRsa)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    withKey = certificate.CopyWithPrivateKey(rsa);
                }
                else
                {
                    using var ecdsa = ECDsa.Create();
                    ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                    withKey = certificate.CopyWithPrivateKey(ecdsa);
                }
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new EndpointVerificationException(
                    $"the key '{KeyPath}' does not belong to the certificate '{CertificatePath}' ({e.Message.TrimEnd('.')})", e);
            }

            // A round trip through PKCS#12 gives a key every TLS stack can use for the handshake signature.
            using (withKey)
            {
                return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
            }
        }
    }

    private static async Task<byte[]> ReadBytesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await InputFile.ReadAllBytesAsync(path, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EndpointVerificationException($"cannot read '{path}': {e.Message}", e);
        }
    }

    private static async Task<string> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await InputFile.ReadAllTextAsync(path, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EndpointVerificationException($"cannot read '{path}': {e.Message}", e);
        }
    }
}
