using System.Collections.Immutable;
using KcmCompose.IO;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace KcmCompose.Certificates;

public sealed partial class CertificateAuthority
{
    /// <summary>Everything the index records, oldest first, with status and days left judged now.</summary>
    public async Task<ImmutableArray<IssuedCertificate>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(CertificatePath) && !File.Exists(IndexPath))
        {
            throw PkiException.MissingFolder(Directory, $"no CA in '{Directory}' (no ca.crt, no index.json): create one with 'kcm-compose ca create --dir {Directory}'");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        return [.. index.Certificates.Select(Describe)];
    }

    /// <summary>
    /// Marks as revoked every unrevoked certificate named <paramref name="nameOrSerial"/>, or else the one with that serial
    /// (hexadecimal; colons and leading zeros ignored). Write a new CRL afterwards. Refuses when nothing matches.
    /// </summary>
    public async Task<ImmutableArray<IssuedCertificate>> RevokeAsync(string nameOrSerial, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrSerial);
        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var byName = index.Certificates.Where(e => e.Name == nameOrSerial).ToList();
        var serial = NormalizeSerial(nameOrSerial);
        var matches = byName.Count > 0 ? byName : index.Certificates.Where(e => serial is not null && NormalizeSerial(e.Serial) == serial).ToList();
        if (matches.Count == 0)
        {
            throw new PkiException($"no certificate named or with serial '{nameOrSerial}' in '{IndexPath}': see 'kcm-compose client list'");
        }

        var targets = matches.Where(e => e.RevokedAt is null).ToList();
        if (targets.Count == 0)
        {
            throw new PkiException($"'{nameOrSerial}' is already revoked");
        }

        var now = PkiCertificates.Utc(PkiCertificates.Truncate(_time.GetUtcNow()));
        var revoked = index.Certificates.Select(e => targets.Contains(e) ? e with { RevokedAt = now } : e).ToList();
        var files = new PkiFiles();
        files.AddPublic(IndexPath, (index with { Certificates = revoked }).ToJson());
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. revoked.Where(e => e.RevokedAt == now && targets.Any(t => t.Serial == e.Serial)).Select(Describe)];
    }

    /// <summary>
    /// Writes a CRL (v2, signed by the CA, with AuthorityKeyIdentifier and an increasing CRL number) listing every revoked
    /// serial still in the index. Refuses with an expired CA or a CA key that does not match.
    /// </summary>
    public async Task<CrlResult> WriteCrlAsync(CrlOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NextUpdateDays is < 1 or > 3650)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NextUpdateDays, $"the days until the next CRL update must be between 1 and 3650, not {options.NextUpdateDays}");
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var authority = await LoadAsync(options.CaPassphrase, cancellationToken).ConfigureAwait(false);
        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var now = PkiCertificates.Truncate(_time.GetUtcNow());
        var next = now.AddDays(options.NextUpdateDays);
        var number = index.CrlNumber + 1;

        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(authority.Certificate.SubjectDN);
        generator.SetThisUpdate(now);
        generator.SetNextUpdate(next);
        var revoked = index.Certificates.Where(e => e.RevokedAt is not null).ToList();
        foreach (var entry in revoked)
        {
            generator.AddCrlEntry(new BigInteger(entry.Serial, 16), entry.RevokedAt!.Value.UtcDateTime, CrlReason.Unspecified);
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(PkiCertificates.AuthorityKeyId(authority.Certificate)));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
        var crl = generator.Generate(authority.Key.SignatureFactory());

        var files = new PkiFiles();
        files.AddPublic(options.OutputPath, System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", crl.GetEncoded()) + "\n");
        files.AddPublic(IndexPath, (index with { CrlNumber = number }).ToJson());
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new CrlResult(options.OutputPath, number, revoked.Count, PkiCertificates.Utc(now), PkiCertificates.Utc(next));
    }

    /// <summary>
    /// Renews a client: a new certificate (new serial, new validity) for the same name, keeping its key or making a new one,
    /// and replacing <c>clients/NAME.crt</c>, <c>.pfx</c> (and <c>.key</c> with a new key). The old certificate stays valid
    /// until it ends; revoke its serial to stop it sooner.
    /// </summary>
    public async Task<ClientIssueResult> RenewClientAsync(ClientRenewOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateName(options.Name);
        ValidateDays(options.ValidityDays, nameof(options.ValidityDays));
        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
        var keyPath = ClientPath(options.Name, ".key");
        if (!InputFile.IsPresent(keyPath) || !InputFile.IsPresent(ClientPath(options.Name, ".crt")))
        {
            throw new PkiException($"client '{options.Name}' has no certificate and key under '{ClientsDirectory}': issue it first");
        }

        if (options.Passphrase is { Length: 0 })
        {
            throw new PkiException("the client passphrase is empty");
        }

        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        if (!options.AllowRevoked && await CurrentEntryAsync(options.Name, index, cancellationToken).ConfigureAwait(false) is { RevokedAt: { } revokedAt } revoked)
        {
            throw new PkiException(
                $"client '{options.Name}' is revoked (serial {revoked.Serial}, revoked {PkiCertificates.Stamp(revokedAt)}) and is not renewed: "
                + $"to admit it again on purpose, allow renewing a revoked client (--allow-revoked), or issue it anew with 'kcm-compose client issue {options.Name} --force'");
        }

        using var currentKey = PkiKeys.Read(await InputFile.ReadAllTextAsync(keyPath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false), options.Passphrase, keyPath);

        var authority = await LoadAsync(options.CaPassphrase, cancellationToken).ConfigureAwait(false);
        var window = Window(authority.Certificate, options.ValidityDays, options.Overrun);

        string? generated = null;
        using var newKey = options.NewKey ? PkiKey.Generate(options.Key ?? currentKey.Algorithm) : null;
        var privateKey = newKey ?? currentKey;
        var passphrase = options.Passphrase ?? (generated = Passphrases.Generate());
        var certificate = SignClient(authority, options.Name, privateKey.PublicKeyInfo, window);
        return await WriteClientAsync(
            authority, index, options.Name, certificate, privateKey, writeKey: options.NewKey || options.Passphrase is null,
            passphrase, generated, options.PfxFormat, options.IncludeChain, window.Clamped, new PkiFiles(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The index entry of the certificate now in <c>clients/NAME.crt</c>; when that file cannot be read or is not in the index,
    /// the newest entry with that name.
    /// </summary>
    private async Task<PkiIndexEntry?> CurrentEntryAsync(string name, PkiIndex index, CancellationToken cancellationToken)
    {
        var path = ClientPath(name, ".crt");
        try
        {
            var serial = PkiCertificates.SerialText(
                PkiCertificates.ReadCertificate(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path).SerialNumber);
            if (index.Certificates.LastOrDefault(e => e.Serial == serial) is { } current)
            {
                return current;
            }
        }
        catch (PkiException)
        {
            // An unreadable certificate is reported when the client is renewed; fall back to the name.
        }

        return index.Certificates.LastOrDefault(e => e.Name == name);
    }

    private static string? NormalizeSerial(string text)
    {
        var hex = text.Replace(":", string.Empty, StringComparison.Ordinal).TrimStart('0').ToUpperInvariant();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            hex = text[2..].Replace(":", string.Empty, StringComparison.Ordinal).TrimStart('0').ToUpperInvariant();
        }

        return hex.Length > 0 && hex.All(Uri.IsHexDigit) ? hex : null;
    }
}
