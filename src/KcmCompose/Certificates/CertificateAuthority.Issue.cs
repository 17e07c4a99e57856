using KcmCompose.IO;
using Org.BouncyCastle.Asn1.X509;
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
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var files = new PkiFiles();
        var paths = new[] { ClientPath(options.Name, ".crt"), ClientPath(options.Name, ".key"), ClientPath(options.Name, ".pfx") };
        PkiFiles.RefuseExisting(options.Force, paths, $"client '{options.Name}' exists; renew it, or force the replacement (--force) to replace it");

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
    /// Only RSA keys of 2048 bits or more, ECDSA on P-256, P-384 or P-521, and Ed25519 are signed.
    /// </summary>
    public async Task<SignedRequestResult> SignRequestAsync(RequestSigningOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateDays(options.ValidityDays, nameof(options.ValidityDays));
        if (!InputFile.IsPresent(options.RequestPath))
        {
            throw PkiException.MissingFile(options.RequestPath, $"no certificate request at '{options.RequestPath}'");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var files = new PkiFiles();
        PkiFiles.RefuseExisting(options.Force, [options.OutputPath], "choose another output file or force the replacement (--force)");

        var request = PkiCertificates.ReadRequest(
            await InputFile.ReadAllBytesAsync(options.RequestPath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false), options.RequestPath);
        var info = request.GetCertificationRequestInfo();
        var name = RequestName(info.Subject, options.RequestPath, options.Name);

        var publicKey = info.SubjectPublicKeyInfo;
        var authority = await LoadAsync(options.CaPassphrase, cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var window = Window(authority.Certificate, options.ValidityDays, options.Overrun);
        var certificate = PkiCertificates.CreateClient(
            info.Subject, publicKey, authority.Certificate, authority.Key, window.NotBefore, window.NotAfter);

        // The index first: a run killed between the two renames leaves a recorded serial without a file, never a certificate
        // the CA cannot revoke.
        var entry = Entry(name, certificate, Path.GetRelativePath(Directory, Path.GetFullPath(options.OutputPath)));
        files.AddPublic(IndexPath, (index with { Certificates = [.. index.Certificates, entry] }).ToJson());
        files.AddPublic(options.OutputPath, PkiCertificates.ToPem(certificate));
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SignedRequestResult(Describe(entry), options.OutputPath, window.Clamped);
    }

    /// <summary>
    /// The index name of a request: its one common name, held to the client name rule, so that <c>client revoke CN</c> finds
    /// the certificate. <paramref name="givenName"/>, when there is one, must be that CN. No subject value may hold a control
    /// character (it is printed and recorded).
    /// </summary>
    private static string RequestName(X509Name subject, string source, string? givenName)
    {
        var commonNames = subject.GetValueList(X509Name.CN);
        if (commonNames.Count != 1)
        {
            throw new PkiException(commonNames.Count == 0
                ? $"certificate request '{source}' has no common name (CN): ask for a request whose CN is the client name"
                : $"certificate request '{source}' has {commonNames.Count} common names (CN): ask for a request with exactly one, the client name");
        }

        var commonName = commonNames[0];
        ValidateName(commonName, $"the common name (CN) of certificate request '{source}'");
        var values = subject.GetValueList();
        var oids = subject.GetOidList();
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Any(IsUnprintable))
            {
                var symbol = X509Name.DefaultSymbols.TryGetValue(oids[i], out var known) ? known : oids[i].Id;
                throw new PkiException(
                    $"certificate request '{source}' has a control or formatting character in its subject ({symbol}='{Printable(values[i])}'): ask for a new request with a plain subject");
            }
        }

        if (givenName is not null && !string.Equals(givenName, commonName, StringComparison.Ordinal))
        {
            throw new PkiException(
                $"--name (Name) '{Printable(givenName)}' differs from the request's common name '{commonName}': the index records the CN so that 'client revoke {commonName}' finds the certificate; leave --name out, or ask for a request with CN={Printable(givenName)}");
        }

        return commonName;
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

        // The index first (see SignRequestAsync); a certificate that lands without it is still found by RepairAsync.
        var entry = Entry(name, certificate, Path.GetRelativePath(Directory, crt));
        files.AddPublic(IndexPath, (index with { Certificates = [.. index.Certificates, entry] }).ToJson());
        files.AddPublic(crt, PkiCertificates.ToPem(certificate));
        if (writeKey)
        {
            files.AddSecret(key, PkiKeys.ToPem(privateKey, passphrase));
        }

        files.AddSecret(pfx, pfxBytes);
        PkiFiles.EnsureFolder(ClientsDirectory, isPrivate: true);
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClientIssueResult(Describe(entry), crt, key, pfx, generated, clamped);
    }
}
