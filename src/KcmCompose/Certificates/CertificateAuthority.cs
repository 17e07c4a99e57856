using System.Text.RegularExpressions;
using KcmCompose.IO;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace KcmCompose.Certificates;

/// <summary>
/// A client-certificate CA kept in one folder: <c>ca.crt</c>, <c>ca.key</c>, <c>index.json</c> (what it issued) and
/// <c>clients/NAME.crt|.key|.pfx</c>. Every operation validates first and writes atomically, so a refusal
/// (<see cref="PkiException"/>) leaves the folder as it was. A CA made by OpenSSL works too: put its certificate and
/// key in the folder as <c>ca.crt</c> and <c>ca.key</c>.
/// </summary>
public sealed partial class CertificateAuthority
{
    private const int MaxDays = 36_500;
    private readonly TimeProvider _time;

    /// <summary>A CA in <paramref name="directory"/>; nothing is read until an operation runs.</summary>
    /// <param name="directory">The CA folder.</param>
    /// <param name="timeProvider">The clock for validity and expiry; defaults to <see cref="TimeProvider.System"/>.</param>
    public CertificateAuthority(string directory, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The CA folder.</summary>
    public string Directory { get; }

    /// <summary><c>DIR/ca.crt</c>: the CA certificate (PEM), the file the proxy trusts for client certificates.</summary>
    public string CertificatePath => Path.Combine(Directory, "ca.crt");

    /// <summary><c>DIR/ca.key</c>: the CA private key (PEM, 0600).</summary>
    public string KeyPath => Path.Combine(Directory, "ca.key");

    /// <summary><c>DIR/index.json</c>: the record of issued certificates.</summary>
    public string IndexPath => Path.Combine(Directory, "index.json");

    /// <summary><c>DIR/clients</c>: issued client files (folder 0700).</summary>
    public string ClientsDirectory => Path.Combine(Directory, "clients");

    /// <summary>True when <c>ca.key</c> exists and is encrypted (so a passphrase is needed to sign).</summary>
    public async Task<bool> IsKeyEncryptedAsync(CancellationToken cancellationToken = default) =>
        InputFile.IsPresent(KeyPath) && PkiKeys.IsEncrypted(await InputFile.ReadAllTextAsync(KeyPath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false));

    /// <summary>A new client key and PKCS#10 request for <paramref name="name"/>, to sign here or elsewhere. Writes nothing.</summary>
    /// <param name="name">The client name (common name of the request).</param>
    /// <param name="key">The key type.</param>
    /// <param name="passphrase">Encrypts the returned key; null returns it unencrypted.</param>
    public static ClientRequest CreateClientRequest(string name, KeyAlgorithm key, string? passphrase)
    {
        ValidateName(name);
        using var pair = PkiKey.Generate(key);
        var request = PkiCertificates.CreateRequest(CertificateSubject.FromCommonName(name).ToX509Name(), pair);
        return new ClientRequest(name, PkiCertificates.ToPem(request), PkiKeys.ToPem(pair, passphrase));
    }

    /// <summary>
    /// Writes a new client key (encrypted with <paramref name="passphrase"/>, 0600) and its request as
    /// <c>FOLDER/NAME.key</c> and <c>FOLDER/NAME.csr</c>. Refuses existing files unless <paramref name="force"/>.
    /// </summary>
    public static async Task<ClientRequestFiles> WriteClientRequestAsync(
        string folder, string name, KeyAlgorithm key, string passphrase, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        ValidateName(name);
        var csr = Path.Combine(folder, name + ".csr");
        var keyPath = Path.Combine(folder, name + ".key");
        PkiFiles.RefuseExisting(force, [csr, keyPath], "pass --force (force) to replace them");
        var request = CreateClientRequest(name, key, passphrase);
        var files = new PkiFiles();
        files.AddPublic(csr, request.RequestPem);
        files.AddSecret(keyPath, request.KeyPem);
        PkiFiles.EnsureFolder(folder, isPrivate: true);
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ClientRequestFiles(csr, keyPath);
    }

    private string ClientPath(string name, string extension) => Path.Combine(ClientsDirectory, name + extension);

    private static void ValidateDays(int days, string what)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(what, days, $"the validity must be between 1 and {MaxDays} days, not {days}");
        }
    }

    /// <summary>
    /// The one rule for client names (issue, renew, request, and the CN of a signed request): 1-64 of A-Z a-z 0-9 . _ @ -,
    /// not starting with a dot, no "..". Such a name is safe as a file name and on a terminal.
    /// </summary>
    /// <param name="name">The name to check.</param>
    /// <param name="what">What the name is, for the message ("client name", "the common name of request 'x'").</param>
    internal static void ValidateName(string name, string what = "client name")
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!ClientName().IsMatch(name))
        {
            throw new PkiException(
                $"{what} '{Printable(name)}' is not allowed: use 1-64 of A-Z a-z 0-9 . _ @ -, not starting with a dot and without '..' (it becomes a file name and the name in the index)");
        }
    }

    /// <summary>
    /// <paramref name="text"/> safe to print: control and formatting characters (escape sequences, bidi overrides, line ends)
    /// as <c>\uXXXX</c>, cut to 80 characters.
    /// </summary>
    internal static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 80 ? text[..80] : text)
        {
            if (IsUnprintable(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > 80 ? builder.Append("...").ToString() : builder.ToString();
    }

    internal static bool IsUnprintable(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Surrogate;

    /// <summary>Reads and checks the CA: certificate and key readable, key matches, a CA certificate, valid now.</summary>
    private async Task<LoadedAuthority> LoadAsync(string? passphrase, CancellationToken cancellationToken)
    {
        if (!InputFile.IsPresent(CertificatePath))
        {
            throw PkiException.MissingFile(CertificatePath, $"no CA certificate at '{CertificatePath}': create one with 'kcm-compose ca create --dir {Directory}'");
        }

        if (!InputFile.IsPresent(KeyPath))
        {
            throw PkiException.MissingFile(KeyPath, $"no CA key at '{KeyPath}': signing needs the key that belongs to '{CertificatePath}'");
        }

        var certificate = PkiCertificates.ReadCertificate(
            await InputFile.ReadAllBytesAsync(CertificatePath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false), CertificatePath);
        var constraints = certificate.GetExtensionValue(X509Extensions.BasicConstraints);
        if (constraints is null || certificate.GetBasicConstraints() < 0)
        {
            throw new PkiException($"'{CertificatePath}' is not a CA certificate (no BasicConstraints CA:TRUE): it cannot sign client certificates");
        }

        var usage = certificate.GetKeyUsage();
        if (usage is not null && !usage[5])
        {
            throw new PkiException($"'{CertificatePath}' has a KeyUsage without keyCertSign: it may not sign certificates");
        }

        var now = _time.GetUtcNow();
        var notAfter = PkiCertificates.Utc(certificate.NotAfter);
        var notBefore = PkiCertificates.Utc(certificate.NotBefore);
        if (now > notAfter)
        {
            throw new PkiException(
                $"CA certificate '{CertificatePath}' expired on {PkiCertificates.Stamp(notAfter)}: create a new CA and reissue the clients");
        }

        if (now < notBefore)
        {
            throw new PkiException(
                $"CA certificate '{CertificatePath}' is not valid before {PkiCertificates.Stamp(notBefore)}: check this machine's clock");
        }

        var key = PkiKeys.Read(
            await InputFile.ReadAllTextAsync(KeyPath, InputFileKind.Certificate, cancellationToken).ConfigureAwait(false), passphrase, KeyPath);

        if (!key.Matches(certificate.CertificateStructure.SubjectPublicKeyInfo))
        {
            var description = key.Describe();
            key.Dispose();
            throw new PkiException(
                $"CA key '{KeyPath}' ({description}) does not match CA certificate '{CertificatePath}': put the key that made this certificate beside it");
        }

        return new LoadedAuthority(certificate, key);
    }

    /// <summary>The validity window for a new certificate, clamped to (or refused past) the CA's end.</summary>
    private (DateTime NotBefore, DateTime NotAfter, bool Clamped) Window(BcCertificate authority, int days, ValidityOverrun overrun)
    {
        var now = _time.GetUtcNow();
        var notBefore = PkiCertificates.Truncate(now - PkiCertificates.Backdate);
        var notAfter = PkiCertificates.Truncate(now.AddDays(days));
        var caEnd = DateTime.SpecifyKind(authority.NotAfter, DateTimeKind.Utc);

        if (notAfter <= caEnd)
        {
            return (notBefore, notAfter, false);
        }

        if (overrun == ValidityOverrun.Refuse)
        {
            throw new PkiException(
                $"{days} days would end after the CA certificate does ({PkiCertificates.Stamp(PkiCertificates.Utc(caEnd))}): ask for fewer days or renew the CA");
        }

        return (notBefore, caEnd, true);
    }

    private IssuedCertificate Describe(PkiIndexEntry entry)
    {
        var now = _time.GetUtcNow();
        var status = entry.RevokedAt is not null ? CertificateStatus.Revoked
            : now > entry.NotAfter ? CertificateStatus.Expired
            : CertificateStatus.Valid;
        var daysLeft = (int)Math.Floor((entry.NotAfter - now).TotalDays);
        var path = entry.File is null ? null : Path.Combine(Directory, entry.File);
        return new IssuedCertificate(entry.Name, entry.Serial, entry.Subject, entry.NotBefore, entry.NotAfter, status, daysLeft, entry.RevokedAt, path);
    }

    private static PkiIndexEntry Entry(string name, BcCertificate certificate, string? relativeFile) => new(
        name,
        PkiCertificates.SerialText(certificate.SerialNumber),
        SubjectText(certificate.SubjectDN),
        PkiCertificates.Utc(certificate.NotBefore),
        PkiCertificates.Utc(certificate.NotAfter),
        relativeFile);

    internal static string SubjectText(X509Name name)
    {
        var oids = name.GetOidList();
        var values = name.GetValueList();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < oids.Count; i++)
        {
            var symbol = oids[i].Equals(X509Name.EmailAddress) ? "emailAddress"
                : X509Name.DefaultSymbols.TryGetValue(oids[i], out var known) ? known : oids[i].Id;
            text.Append('/').Append(symbol).Append('=').Append(values[i].Replace("/", "\\/", StringComparison.Ordinal));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"^(?!.*\.\.)[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}\z")]
    private static partial Regex ClientName();

    private sealed record LoadedAuthority(BcCertificate Certificate, PkiKey Key);
}
