using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

/// <summary>
/// A process killed part-way: the real code path stopped before a chosen rename (<see cref="PkiFiles.InterruptBeforeRename"/>),
/// or the state an older version's kill left, made by hand; then the next operation.
/// </summary>
public partial class CertificateAuthorityTests
{
    /// <summary>Runs <paramref name="operation"/> and stops it, as a kill would, just before its rename number <paramref name="renamesDone"/> (0-based).</summary>
    private static async Task KillBeforeRenameAsync(int renamesDone, Func<Task> operation)
    {
        var renames = 0;
        PkiFiles.InterruptBeforeRename.Value = _ => renames++ == renamesDone;
        try
        {
            await operation.Should().ThrowAsync<OperationCanceledException>();
        }
        finally
        {
            PkiFiles.InterruptBeforeRename.Value = null;
        }
    }

    /// <summary>Certificates on disk (clients/*.crt and <paramref name="others"/>) whose serials index.json lacks, read without any repair.</summary>
    private static async Task<List<string>> UnindexedAsync(CertificateAuthority ca, params string[] others)
    {
        var index = await PkiIndex.LoadAsync(ca.IndexPath, CancellationToken.None);
        var serials = index.Certificates.Select(e => e.Serial).ToHashSet(StringComparer.Ordinal);
        var files = Directory.Exists(ca.ClientsDirectory) ? Directory.GetFiles(ca.ClientsDirectory, "*.crt") : [];
        return [.. files.Concat(others.Where(File.Exists))
            .Where(f => !serials.Contains(PkiCertificates.SerialText(PkiCertificates.ReadCertificate(File.ReadAllBytes(f), f).SerialNumber)))];
    }

    private static string[] TemporaryFiles(CertificateAuthority ca) =>
        [.. new[] { ca.Directory, ca.ClientsDirectory }.Where(Directory.Exists).SelectMany(d => Directory.GetFiles(d, "*.tmp"))];

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task IssueClientAsync_KilledBeforeRename_EveryCertificateOnDiskIsInTheIndex(int renamesDone)
    {
        var ca = NewCa();
        await CreateAsync(ca);

        await KillBeforeRenameAsync(renamesDone, () => IssueAsync(ca));

        (await UnindexedAsync(ca)).Should().BeEmpty("a certificate the CA signed must be revocable even when the run was killed");
        TemporaryFiles(ca).Should().NotBeEmpty("the kill leaves the unrenamed files behind");
    }

    [TestCase(0)]
    [TestCase(1)]
    public async Task SignRequestAsync_KilledBeforeRename_TheCertificateWrittenIsInTheIndex(int renamesDone)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var csr = Path.Combine(_root, "carol.csr");
        File.WriteAllText(csr, CertificateAuthority.CreateClientRequest("carol", KeyAlgorithm.EcdsaP256, null).RequestPem);
        var output = Path.Combine(_root, "carol.crt");

        await KillBeforeRenameAsync(renamesDone, () => ca.SignRequestAsync(new RequestSigningOptions { RequestPath = csr, OutputPath = output, CaPassphrase = CaPassphrase }));

        (await UnindexedAsync(ca, output)).Should().BeEmpty();
    }

    [Test]
    public async Task RepairAsync_AfterKillBeforeAnyRename_RemovesTheTemporaryFilesAndTheClientCanBeIssued()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        await KillBeforeRenameAsync(0, () => IssueAsync(ca));
        var left = TemporaryFiles(ca);
        left.Should().HaveCount(4, "index, crt, key and pfx were written but not renamed");
        var unrelated = Path.Combine(ca.Directory, "notes.tmp");
        File.WriteAllText(unrelated, "mine");

        var repair = await ca.RepairAsync();

        repair.RemovedFiles.Should().BeEquivalentTo(left);
        TemporaryFiles(ca).Should().Equal(unrelated);
        (await IssueAsync(ca)).Certificate.Name.Should().Be("alice");
        (await ca.RepairAsync()).IsEmpty.Should().BeTrue();
    }

    [Test]
    public async Task ListAsync_AfterKillBeforeAnyRename_NextCommandRemovesTheTemporaryFiles()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        await KillBeforeRenameAsync(0, () => IssueAsync(ca));

        await ca.ListAsync();

        TemporaryFiles(ca).Should().BeEmpty();
    }

    [Test]
    public async Task RevokeAsync_CertificateAnOlderVersionLeftUnindexed_IsFoundIndexedAndRevoked()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var indexBefore = File.ReadAllBytes(ca.IndexPath);
        var issued = await IssueAsync(ca);
        File.WriteAllBytes(ca.IndexPath, indexBefore); // what a kill between the renames and the index update left before this fix
        var foreign = NewCa(folder: "other");
        await CreateAsync(foreign);
        File.Copy((await IssueAsync(foreign, "stranger")).CertificatePath, Path.Combine(ca.ClientsDirectory, "stranger.crt"));
        (await UnindexedAsync(ca)).Should().HaveCount(2);

        var revoked = await ca.RevokeAsync("alice");

        revoked.Should().ContainSingle().Which.SerialNumber.Should().Be(issued.Certificate.SerialNumber);
        var crl = await ca.WriteCrlAsync(new CrlOptions { OutputPath = Path.Combine(_root, "ca.crl"), CaPassphrase = CaPassphrase });
        crl.RevokedCount.Should().Be(1);
        (await ca.ListAsync()).Select(c => c.Name).Should().Equal("alice");
    }

    [Test]
    public async Task RepairAsync_CertificateAnOlderVersionLeftUnindexed_ReportsItOnce()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var indexBefore = File.ReadAllBytes(ca.IndexPath);
        var issued = await IssueAsync(ca);
        File.WriteAllBytes(ca.IndexPath, indexBefore);

        var repair = await ca.RepairAsync();

        var found = repair.Indexed.Should().ContainSingle().Which;
        found.SerialNumber.Should().Be(issued.Certificate.SerialNumber);
        found.Name.Should().Be("alice");
        found.CertificatePath.Should().Be(issued.CertificatePath);
        (await ca.RepairAsync()).IsEmpty.Should().BeTrue();
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public async Task CreateAsync_KilledBeforeRename_NeverLeavesACertificateWithoutItsKey(int renamesDone)
    {
        var ca = NewCa();

        await KillBeforeRenameAsync(renamesDone, () => CreateAsync(ca));

        (File.Exists(ca.CertificatePath) && !File.Exists(ca.KeyPath)).Should().BeFalse();
    }

    [Test]
    public async Task CreateAsync_AfterKillBetweenKeyAndCertificate_RefusedNamingItThenForceRecovers()
    {
        var ca = NewCa();
        await KillBeforeRenameAsync(1, () => CreateAsync(ca));
        File.Exists(ca.KeyPath).Should().BeTrue();
        TemporaryFiles(ca).Should().NotBeEmpty();
        var key = File.ReadAllText(ca.KeyPath);

        var act = () => CreateAsync(ca);

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Should().Contain("exists without its certificate").And.Contain("--force");
        File.ReadAllText(ca.KeyPath).Should().Be(key, "an existing key is never overwritten without force");
        TemporaryFiles(ca).Should().BeEmpty("the next run removes the leftovers");
        await ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = CaPassphrase, Force = true });
        (await IssueAsync(ca)).Certificate.Status.Should().Be(CertificateStatus.Valid);
    }

    [Test]
    public async Task CreateAsync_CertificateWithoutKey_RefusedNamingIt()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        await IssueAsync(ca);
        File.Delete(ca.KeyPath);

        var act = () => CreateAsync(ca);

        (await act.Should().ThrowAsync<PkiException>()).Which.Message.Should()
            .Contain("exists without its key").And.Contain("1 issued certificate(s)").And.Contain("--force");
    }
}
