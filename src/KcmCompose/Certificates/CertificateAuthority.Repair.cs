using System.Collections.Immutable;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace KcmCompose.Certificates;

public sealed partial class CertificateAuthority
{
    /// <summary>
    /// Finishes what an interrupted operation (a killed process, a power cut) left in the folder: deletes the temporary
    /// files of writes that never finished, and records in the index every certificate under <c>clients/</c> that this CA
    /// signed (its signature verifies with <c>ca.crt</c>) but the index lacks, so that it can be revoked. Every operation
    /// that opens the CA does this first; call it to learn what was repaired. A folder that does not exist needs nothing.
    /// </summary>
    public async Task<CaRepairResult> RepairAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return new CaRepairResult([], []);
        }

        using var folderLock = await PkiLock.AcquireAsync(Directory, _time, cancellationToken).ConfigureAwait(false);
        return await RepairLockedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="RepairAsync"/> for a caller that holds the folder lock.</summary>
    private async Task<CaRepairResult> RepairLockedAsync(CancellationToken cancellationToken)
    {
        ImmutableArray<string> removed;
        try
        {
            removed = [.. PkiFiles.RemoveTemporaryFiles(Directory), .. PkiFiles.RemoveTemporaryFiles(ClientsDirectory)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiException($"cannot remove the temporary files an interrupted run left in '{Directory}': {e.Message}", e);
        }

        return new CaRepairResult(await IndexStrayCertificatesAsync(cancellationToken).ConfigureAwait(false), removed);
    }

    /// <summary>
    /// Adds to the index the certificates in <c>clients/*.crt</c> this CA signed whose serials it lacks (left by a run killed
    /// after the certificate landed and before the index did). Files that cannot be read or that another CA signed are left alone.
    /// </summary>
    private async Task<ImmutableArray<IssuedCertificate>> IndexStrayCertificatesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(CertificatePath) || !System.IO.Directory.Exists(ClientsDirectory))
        {
            return [];
        }

        BcCertificate authority;
        try
        {
            authority = PkiCertificates.ReadCertificate(
                await File.ReadAllBytesAsync(CertificatePath, cancellationToken).ConfigureAwait(false), CertificatePath);
        }
        catch (PkiException)
        {
            return []; // the operation that follows reports an unreadable CA certificate
        }

        var index = await PkiIndex.LoadAsync(IndexPath, cancellationToken).ConfigureAwait(false);
        var known = index.Certificates.Select(e => e.Serial).ToHashSet(StringComparer.Ordinal);
        var added = new List<PkiIndexEntry>();
        foreach (var path in System.IO.Directory.EnumerateFiles(ClientsDirectory, "*.crt").Order(StringComparer.Ordinal))
        {
            var certificate = UnknownSignedBy(authority, known, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
            if (certificate is not null && known.Add(PkiCertificates.SerialText(certificate.SerialNumber)))
            {
                added.Add(Entry(Path.GetFileNameWithoutExtension(path), certificate, Path.GetRelativePath(Directory, path)));
            }
        }

        if (added.Count == 0)
        {
            return [];
        }

        var files = new PkiFiles();
        files.AddPublic(IndexPath, (index with { Certificates = [.. index.Certificates, .. added] }).ToJson());
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return [.. added.Select(Describe)];
    }

    /// <summary>
    /// The certificate in <paramref name="content"/> when its serial is not in <paramref name="known"/> and
    /// <paramref name="authority"/> signed it, else null. Known serials cost a parse, not a signature check.
    /// </summary>
    private static BcCertificate? UnknownSignedBy(BcCertificate authority, HashSet<string> known, byte[] content, string path)
    {
        try
        {
            var certificate = PkiCertificates.ReadCertificate(content, path);
            if (known.Contains(PkiCertificates.SerialText(certificate.SerialNumber))
                || !certificate.IssuerDN.Equivalent(authority.SubjectDN, inOrder: true))
            {
                return null;
            }

            certificate.Verify(authority.GetPublicKey());
            return certificate;
        }
        catch (Exception e) when (e is PkiException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return null;
        }
    }
}
