using KcmCompose.IO;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace KcmCompose.Certificates;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Issues a client: a new key, a certificate signed by this CA (CA:FALSE, KeyUsage digitalSignature (+ keyEncipherment
    /// for RSA), ExtendedKeyUsage clientAuth, AuthorityKeyIdentifier, 128-bit random serial), and
    /// <c>clients/NAME.crt</c>, <c>.key</c> (encrypted, 0600) and <c>.pfx</c> (0600), recorded in the index.
    /// Refuses with an expired CA, a CA key that does not match, or an existing client unless <see cref="ClientIssueOptions.Force"/>.
    /// </summary>
    public async Task<ClientIssueResult> IssueClientAsync(ClientIssueOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateName(options.Name);
        ValidateDays(options.ValidityDays, nameof(options.ValidityDays));
        if (options.Passphrase is { Length: 0 })
        {
            throw new PkiException("the client passphrase is empty: give a passphrase, or none to have one generated");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        var files = new PkiFiles();
        var paths = new[] { ClientPath(options.Name, ".crt"), ClientPath(options.Name, ".key"), ClientPath(options.Name, ".pfx") };
        PkiFiles.RefuseExisting(options.Force, paths, $"client '{options.Name}' exists; renew it, or pass --force (Force) to replace it");

        var authority = await LoadAsync(options.CaPassphrase, cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var window = Window(authority.Certificate, options.ValidityDays, options.Overrun);

        var generated = options.Passphrase is null ? Passphrases.Generate() : null;
        var passphrase = options.Passphrase ?? generated!;
        using var pair = PkiKey.Generate(options.Key);
        var certificate = SignClient(authority, options.Name, pair.PublicKeyInfo, window);

        return await WriteClientAsync(
            authority, index, options.Name, certificate, pair, writeKey: true, passphrase, generated,
            options.PfxFormat, options.IncludeChain, window.Clamped, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs a PKCS#10 request made elsewhere (for example by <c>openssl req -new</c>) after verifying its signature.
    /// The certificate gets the request's subject and public key and this CA's client extensions; requested extensions are ignored.
    /// </summary>
    public async Task<SignedRequestResult> SignRequestAsync(RequestSigningOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateDays(options.ValidityDays, nameof(options.ValidityDays));
        if (!InputFile.IsPresent(options.RequestPath))
        {
            throw new PkiException($"no certificate request at '{options.RequestPath}'");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        var files = new PkiFiles();
        PkiFiles.RefuseExisting(options.Force, [options.OutputPath], "choose another output file or pass --force (Force)");

        var request = PkiCertificates.ReadRequest(
            await InputFile.ReadAllBytesAsync(options.RequestPath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false), options.RequestPath);
        var info = request.GetCertificationRequestInfo();
        var commonName = info.Subject.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN).LastOrDefault();
        var name = options.Name ?? commonName
            ?? throw new PkiException($"certificate request '{options.RequestPath}' has no common name (CN): give a name for the index");

        var publicKey = info.SubjectPublicKeyInfo;
        if (PkiCertificates.IsRsa(publicKey)
            && Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure.GetInstance(publicKey.ParsePublicKey()).Modulus.BitLength is var bits and < 2048)
        {
            throw new PkiException(
                $"certificate request '{options.RequestPath}' has a {bits}-bit RSA key: ask for a new request with at least 2048 bits");
        }

        var authority = await LoadAsync(options.CaPassphrase, cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var window = Window(authority.Certificate, options.ValidityDays, options.Overrun);
        var certificate = PkiCertificates.CreateClient(
            info.Subject, publicKey, authority.Certificate, authority.Key, window.NotBefore, window.NotAfter);

        var entry = Entry(name, certificate, Path.GetRelativePath(Directory, Path.GetFullPath(options.OutputPath)));
        files.AddPublic(options.OutputPath, PkiCertificates.ToPem(certificate));
        files.AddPublic(IndexPath, (index with { Certificates = [.. index.Certificates, entry] }).ToJson());
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SignedRequestResult(Describe(entry), options.OutputPath, window.Clamped);
    }

    private static BcCertificate SignClient(
        LoadedAuthority authority, string name, Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo publicKey, (DateTime NotBefore, DateTime NotAfter, bool Clamped) window) =>
        PkiCertificates.CreateClient(
            CertificateSubject.FromCommonName(name).ToX509Name(), publicKey, authority.Certificate, authority.Key, window.NotBefore, window.NotAfter);

    private async Task<ClientIssueResult> WriteClientAsync(
        LoadedAuthority authority,
        PkiIndex index,
        string name,
        BcCertificate certificate,
        PkiKey privateKey,
        bool writeKey,
        string passphrase,
        string? generated,
        PfxFormat format,
        bool includeChain,
        bool clamped,
        PkiFiles files,
        CancellationToken cancellationToken)
    {
        var crt = ClientPath(name, ".crt");
        var key = ClientPath(name, ".key");
        var pfx = ClientPath(name, ".pfx");
        var pkcs8 = privateKey.ExportPkcs8();
        var pfxBytes = PkiPkcs12.Write(name, pkcs8, certificate, includeChain ? [authority.Certificate] : [], passphrase, format);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(pkcs8);

        var entry = Entry(name, certificate, Path.GetRelativePath(Directory, crt));
        files.AddPublic(crt, PkiCertificates.ToPem(certificate));
        if (writeKey)
        {
            files.AddSecret(key, PkiKeys.ToPem(privateKey, passphrase));
        }

        files.AddSecret(pfx, pfxBytes);
        files.AddPublic(IndexPath, (index with { Certificates = [.. index.Certificates, entry] }).ToJson());
        PkiFiles.EnsureFolder(ClientsDirectory, isPrivate: true);
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClientIssueResult(Describe(entry), crt, key, pfx, generated, clamped);
    }
}
