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
            throw new ArgumentOutOfRangeException(nameof(options), options.PathLength, "PathLength must be 0 or more");
        }

        if (options.Passphrase is { Length: 0 })
        {
            throw new PkiException("the CA passphrase is empty: give a passphrase, or none to have one generated");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken, create: true).ConfigureAwait(false);
        var files = new PkiFiles();
        PkiFiles.RefuseExisting(options.Force, [CertificatePath, KeyPath], "pass --force (Force) to replace this CA; every client it issued stops working");

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

        files.AddPublic(CertificatePath, PkiCertificates.ToPem(certificate));
        files.AddSecret(KeyPath, PkiKeys.ToPem(pair, passphrase));
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
}
