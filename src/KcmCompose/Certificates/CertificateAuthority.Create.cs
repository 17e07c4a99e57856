namespace KcmCompose.Certificates;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Creates the CA: a new key, a self-signed certificate (BasicConstraints CA:TRUE critical, KeyUsage keyCertSign +
    /// cRLSign, SubjectKeyIdentifier, 128-bit random serial), <c>ca.crt</c>, <c>ca.key</c> (encrypted PKCS#8, 0600) and an
    /// empty index. Refuses to replace an existing CA unless <see cref="CaCreationOptions.Force"/>.
    /// </summary>
    public async Task<CaCreationResult> CreateAsync(CaCreationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateDays(options.ValidityDays, nameof(options.ValidityDays));
        if (options.PathLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PathLength, $"the path length must be 0 or more, not {options.PathLength}");
        }

        if (options.Passphrase is { Length: 0 })
        {
            throw new PkiException("the CA passphrase is empty: give a passphrase, or none to have one generated");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken, create: true).ConfigureAwait(false);
        PkiFiles.RemoveTemporaryFiles(Directory);
        if (!options.Force)
        {
            await RefuseHalfACaAsync(cancellationToken).ConfigureAwait(false);
        }

        var files = new PkiFiles();
        PkiFiles.RefuseExisting(options.Force, [CertificatePath, KeyPath], "force the replacement (--force) to replace this CA; every client it issued stops working");

        var subject = options.Subject.IsEmpty ? CertificateSubject.FromCommonName("KCM Client CA") : options.Subject;
        var generated = options.Passphrase is null && !options.Unencrypted ? Passphrases.Generate() : null;
        var passphrase = options.Unencrypted ? null : options.Passphrase ?? generated;

        using var pair = PkiKey.Generate(options.Key);
        var now = _time.GetUtcNow();
        var certificate = PkiCertificates.CreateAuthority(
            pair,
            subject.ToX509Name(),
            PkiCertificates.Truncate(now - PkiCertificates.Backdate),
            PkiCertificates.Truncate(now.AddDays(options.ValidityDays)),
            options.PathLength);

        // The key first: a run killed between the renames leaves a key without its certificate (refused and named at the next
        // run), never a certificate whose key is lost.
        files.AddSecret(KeyPath, PkiKeys.ToPem(pair, passphrase));
        files.AddPublic(CertificatePath, PkiCertificates.ToPem(certificate));
        if (options.Force || !File.Exists(IndexPath))
        {
            files.AddPublic(IndexPath, new PkiIndex().ToJson());
        }

        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CaCreationResult(
            CertificatePath,
            KeyPath,
            PkiCertificates.SerialText(certificate.SerialNumber),
            SubjectText(certificate.SubjectDN),
            PkiCertificates.Utc(certificate.NotBefore),
            PkiCertificates.Utc(certificate.NotAfter),
            generated);
    }

    /// <summary>
    /// Names the two half-made CAs an interrupted <c>ca create</c> (or a lost file) leaves, instead of the generic "exists":
    /// a key without a certificate, and a certificate without its key (which nothing can sign with).
    /// </summary>
    private async Task RefuseHalfACaAsync(CancellationToken cancellationToken)
    {
        var hasCertificate = File.Exists(CertificatePath);
        var hasKey = File.Exists(KeyPath);
        if (hasKey && !hasCertificate)
        {
            throw new PkiException(
                $"'{KeyPath}' exists without its certificate '{CertificatePath}' (left by an interrupted 'ca create'?); the key is not overwritten: "
                + "put its certificate back, or force the replacement (--force) to replace the key and create a new CA");
        }

        if (hasCertificate && !hasKey)
        {
            var issued = (await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false)).Certificates.Count;
            throw new PkiException(
                $"'{CertificatePath}' exists without its key '{KeyPath}' (left by an interrupted 'ca create' or a lost key), so nothing can be signed with it"
                + (issued > 0 ? $" and its {issued} issued certificate(s) cannot be revoked by a new CRL" : string.Empty)
                + ": put the key back, or force the replacement (--force) to create a new CA");
        }
    }
}
