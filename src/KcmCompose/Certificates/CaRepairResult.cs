using System.Collections.Immutable;

namespace KcmCompose.Certificates;

/// <summary>What <see cref="CertificateAuthority.RepairAsync"/> found an interrupted operation had left, and put right.</summary>
/// <param name="Indexed">Certificates under <c>clients/</c> that this CA signed but the index lacked, now recorded (and so revocable).</param>
/// <param name="RemovedFiles">Temporary files of writes that never finished, deleted.</param>
public sealed record CaRepairResult(ImmutableArray<IssuedCertificate> Indexed, ImmutableArray<string> RemovedFiles)
{
    /// <summary>True when nothing needed repair.</summary>
    public bool IsEmpty => Indexed.IsEmpty && RemovedFiles.IsEmpty;
}
