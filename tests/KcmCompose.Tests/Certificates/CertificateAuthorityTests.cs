using System.Security.Cryptography.X509Certificates;
using KcmCompose.Certificates;
using Microsoft.Extensions.Time.Testing;

namespace KcmCompose.Tests.Certificates;

public partial class CertificateAuthorityTests
{
    private const string CaPassphrase = "ca-pass-1";
    private const string ClientPassphrase = "client-pass-1";
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("kcm-pki-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private CertificateAuthority NewCa(TimeProvider? time = null, string folder = "ca") => new(Path.Combine(_root, folder), time);

    private static Task<CaCreationResult> CreateAsync(CertificateAuthority ca, KeyAlgorithm key = KeyAlgorithm.EcdsaP256, int days = 365) =>
        ca.CreateAsync(new CaCreationOptions { Key = key, ValidityDays = days, Passphrase = CaPassphrase });

    private static Task<ClientIssueResult> IssueAsync(CertificateAuthority ca, string name = "alice", int days = 365, KeyAlgorithm key = KeyAlgorithm.EcdsaP256) =>
        ca.IssueClientAsync(new ClientIssueOptions { Name = name, CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase, ValidityDays = days, Key = key });

    [TestCase(KeyAlgorithm.EcdsaP256, "1.2.840.10045.4.3.2")]
    [TestCase(KeyAlgorithm.EcdsaP384, "1.2.840.10045.4.3.3")]
    [TestCase(KeyAlgorithm.Rsa2048, "1.2.840.113549.1.1.11")]
    public async Task CreateAsync_NewFolder_WritesSelfSignedCaWithExtensions(KeyAlgorithm key, string signatureOid)
    {
        var ca = NewCa();
        var result = await CreateAsync(ca, key);

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(result.CertificatePath);
        certificate.SignatureAlgorithm.Value.Should().Be(signatureOid);
        certificate.Subject.Should().Be("CN=KCM Client CA");
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        constraints.CertificateAuthority.Should().BeTrue();
        constraints.Critical.Should().BeTrue();
        certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages
            .Should().Be(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign);
        certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Should().ContainSingle();
        certificate.GetSerialNumber().Length.Should().BeGreaterThanOrEqualTo(8);
        (certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays.Should().BeApproximately(365, 0.01);
        File.ReadAllText(result.KeyPath).Should().StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        result.GeneratedPassphrase.Should().BeNull();
    }

    [Test]
    public async Task CreateAsync_NoPassphrase_GeneratesOneThatOpensTheKey()
    {
        var ca = NewCa();
        var result = await ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256 });

        result.GeneratedPassphrase.Should().NotBeNullOrEmpty();
        var issued = await ca.IssueClientAsync(new ClientIssueOptions { Name = "bob", CaPassphrase = result.GeneratedPassphrase, Key = KeyAlgorithm.EcdsaP256 });
        issued.GeneratedPassphrase.Should().NotBeNullOrEmpty().And.NotBe(result.GeneratedPassphrase);
    }

    [Test]
    public async Task CreateAsync_ExistingCa_RefusesWithoutForce()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var before = File.ReadAllText(ca.CertificatePath);

        var act = () => CreateAsync(ca);

        await act.Should().ThrowAsync<PkiException>().WithMessage("*already exists*--force*");
        File.ReadAllText(ca.CertificatePath).Should().Be(before);
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task CreateAsync_SecretsAre0600()
    {

        var ca = NewCa();
        await CreateAsync(ca);
        var client = await IssueAsync(ca);

        File.GetUnixFileMode(ca.KeyPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(client.KeyPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(client.PfxPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(ca.Directory, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [TestCase(KeyAlgorithm.EcdsaP256, X509KeyUsageFlags.DigitalSignature)]
    [TestCase(KeyAlgorithm.Rsa2048, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment)]
    public async Task IssueClientAsync_ValidCa_WritesClientCertificateWithClientExtensions(KeyAlgorithm key, X509KeyUsageFlags usage)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var result = await IssueAsync(ca, key: key);

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(result.CertificatePath);
        using var authority = X509CertificateLoader.LoadCertificateFromFile(ca.CertificatePath);
        certificate.Subject.Should().Be("CN=alice");
        certificate.Issuer.Should().Be(authority.Subject);
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority.Should().BeFalse();
        certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages.Should().Be(usage);
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages
            .Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).Should().Equal("1.3.6.1.5.5.7.3.2");
        certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray()
            .Should().Equal(authority.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray());

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(certificate).Should().BeTrue(string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Test]
    public async Task IssueClientAsync_Pfx_OpensWithPassphraseAndHoldsKeyAndChain()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var result = await IssueAsync(ca);

        var collection = X509CertificateLoader.LoadPkcs12CollectionFromFile(result.PfxPath, ClientPassphrase);
        collection.Should().HaveCount(2);
        collection.Single(c => c.Subject == "CN=alice").HasPrivateKey.Should().BeTrue();
    }

    [Test]
    public async Task IssueClientAsync_FiftyClients_AllSerialsDiffer()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        for (var i = 0; i < 50; i++)
        {
            await IssueAsync(ca, $"client-{i}");
        }

        var list = await ca.ListAsync();
        list.Should().HaveCount(50);
        list.Select(c => c.SerialNumber).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task IssueClientAsync_ValidityPastCaEnd_IsClampedAndSaysSo()
    {
        var ca = NewCa();
        var created = await CreateAsync(ca, days: 30);

        var result = await IssueAsync(ca, days: 365);

        result.ValidityClamped.Should().BeTrue();
        result.Certificate.NotAfter.Should().Be(created.NotAfter);
    }

    [Test]
    public async Task IssueClientAsync_ValidityPastCaEndWithRefuse_RefusesAndWritesNothing()
    {
        var ca = NewCa();
        await CreateAsync(ca, days: 30);

        var act = () => ca.IssueClientAsync(new ClientIssueOptions
        {
            Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase, ValidityDays = 365, Overrun = ValidityOverrun.Refuse,
        });

        await act.Should().ThrowAsync<PkiException>().WithMessage("*after the CA certificate*");
        Directory.Exists(ca.ClientsDirectory).Should().BeFalse();
    }

    [Test]
    public async Task IssueClientAsync_ExpiredCa_RefusesAndWritesNothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ca = NewCa(time);
        await CreateAsync(ca, days: 10);
        time.Advance(TimeSpan.FromDays(11));
        var indexBefore = File.ReadAllText(ca.IndexPath);

        var act = () => IssueAsync(ca);

        await act.Should().ThrowAsync<PkiException>().WithMessage("CA certificate*expired on*");
        Directory.Exists(ca.ClientsDirectory).Should().BeFalse();
        File.ReadAllText(ca.IndexPath).Should().Be(indexBefore);
    }

    [Test]
    public async Task IssueClientAsync_WrongCaPassphrase_RefusesWithOneLine()
    {
        var ca = NewCa();
        await CreateAsync(ca);

        var act = () => ca.IssueClientAsync(new ClientIssueOptions { Name = "alice", CaPassphrase = "wrong", Passphrase = ClientPassphrase });

        (await act.Should().ThrowAsync<PkiException>().WithMessage("wrong passphrase for*")).Which.Message.Should().NotContain("\n");
        Directory.Exists(ca.ClientsDirectory).Should().BeFalse();
    }

    [Test]
    public async Task IssueClientAsync_KeyOfAnotherCa_Refuses()
    {
        var ca = NewCa();
        var other = NewCa(folder: "other");
        await CreateAsync(ca);
        await CreateAsync(other);
        File.Copy(other.KeyPath, ca.KeyPath, overwrite: true);

        var act = () => IssueAsync(ca);

        await act.Should().ThrowAsync<PkiException>().WithMessage("CA key*does not match CA certificate*");
        Directory.Exists(ca.ClientsDirectory).Should().BeFalse();
    }

    [TestCase("../evil")]
    [TestCase(".hidden")]
    [TestCase("a b")]
    [TestCase("")]
    public async Task IssueClientAsync_UnsafeName_Refuses(string name)
    {
        var ca = NewCa();
        await CreateAsync(ca);

        var act = () => IssueAsync(ca, name);

        await act.Should().ThrowAsync<PkiException>().WithMessage("client name*");
    }

    [Test]
    public async Task RevokeAndWriteCrl_RevokedSerialIsListed()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var alice = await IssueAsync(ca, "alice");
        await IssueAsync(ca, "bob");

        var revoked = await ca.RevokeAsync("alice");
        var crl = await ca.WriteCrlAsync(new CrlOptions { OutputPath = Path.Combine(_root, "ca.crl"), CaPassphrase = CaPassphrase });

        revoked.Should().ContainSingle().Which.SerialNumber.Should().Be(alice.Certificate.SerialNumber);
        crl.RevokedCount.Should().Be(1);
        crl.CrlNumber.Should().Be(1);
        var list = await ca.ListAsync();
        list.Single(c => c.Name == "alice").Status.Should().Be(CertificateStatus.Revoked);
        list.Single(c => c.Name == "bob").Status.Should().Be(CertificateStatus.Valid);
        var parsed = new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(File.ReadAllBytes(crl.Path));
        parsed.GetRevokedCertificates().Single().SerialNumber.ToString(16).ToUpperInvariant().Should().Be(alice.Certificate.SerialNumber);
    }

    [Test]
    public async Task RevokeAsync_BySerialWithColons_RevokesThatCertificate()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var alice = await IssueAsync(ca, "alice");
        var serial = string.Join(':', alice.Certificate.SerialNumber.Chunk(2).Select(c => new string(c)));

        var revoked = await ca.RevokeAsync(serial.ToLowerInvariant());

        revoked.Should().ContainSingle().Which.Name.Should().Be("alice");
        var again = () => ca.RevokeAsync("alice");
        await again.Should().ThrowAsync<PkiException>().WithMessage("*already revoked*");
    }

    [Test]
    public async Task ListAsync_AfterTime_ReportsExpiredAndDaysLeft()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ca = NewCa(time);
        await CreateAsync(ca);
        await IssueAsync(ca, "short", days: 10);
        await IssueAsync(ca, "long", days: 100);
        time.Advance(TimeSpan.FromDays(20));

        var list = await ca.ListAsync();

        list.Single(c => c.Name == "short").Status.Should().Be(CertificateStatus.Expired);
        list.Single(c => c.Name == "long").DaysLeft.Should().Be(79);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task RenewClientAsync_KeepsOrReplacesKey(bool newKey)
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var first = await IssueAsync(ca);
        using var before = X509CertificateLoader.LoadCertificateFromFile(first.CertificatePath);

        var renewed = await ca.RenewClientAsync(new ClientRenewOptions
        {
            Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase, NewKey = newKey, ValidityDays = 200,
        });

        using var after = X509CertificateLoader.LoadCertificateFromFile(renewed.CertificatePath);
        after.SerialNumber.Should().NotBe(before.SerialNumber);
        after.PublicKey.EncodedKeyValue.RawData.SequenceEqual(before.PublicKey.EncodedKeyValue.RawData).Should().Be(!newKey);
        (await ca.ListAsync()).Should().HaveCount(2);
        X509CertificateLoader.LoadPkcs12CollectionFromFile(renewed.PfxPath, ClientPassphrase)
            .Single(c => c.Subject == "CN=alice").SerialNumber.Should().Be(after.SerialNumber);
    }

    [Test]
    public async Task RenewClientAsync_RevokedClient_RefusesSayingWhenAndHowAndWritesNothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ca = NewCa(time);
        await CreateAsync(ca);
        var issued = await IssueAsync(ca);
        time.Advance(TimeSpan.FromDays(2));
        await ca.RevokeAsync("alice");
        var crt = File.ReadAllText(issued.CertificatePath);
        var index = File.ReadAllText(ca.IndexPath);

        var act = () => ca.RenewClientAsync(new ClientRenewOptions { Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase });

        var refusal = await act.Should().ThrowAsync<PkiException>();
        refusal.Which.Message.Should().Contain("'alice' is revoked").And.Contain(issued.Certificate.SerialNumber)
            .And.Contain(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain("--allow-revoked").And.NotContain("\n");
        File.ReadAllText(issued.CertificatePath).Should().Be(crt);
        File.ReadAllText(ca.IndexPath).Should().Be(index);
    }

    [Test]
    public async Task RenewClientAsync_RevokedClientWithAllowRevoked_RenewsAndOldStaysRevoked()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var issued = await IssueAsync(ca);
        await ca.RevokeAsync("alice");

        var renewed = await ca.RenewClientAsync(new ClientRenewOptions
        {
            Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase, AllowRevoked = true,
        });

        renewed.Certificate.Status.Should().Be(CertificateStatus.Valid);
        var listed = await ca.ListAsync();
        listed.Single(c => c.SerialNumber == issued.Certificate.SerialNumber).Status.Should().Be(CertificateStatus.Revoked);
    }

    [Test]
    public async Task RenewClientAsync_ReissuedAfterRevocation_RenewsTheNewCertificate()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        await IssueAsync(ca);
        await ca.RevokeAsync("alice");
        await ca.IssueClientAsync(new ClientIssueOptions
        {
            Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase, Key = KeyAlgorithm.EcdsaP256, Force = true,
        });

        var renewed = await ca.RenewClientAsync(new ClientRenewOptions { Name = "alice", CaPassphrase = CaPassphrase, Passphrase = ClientPassphrase });

        renewed.Certificate.Status.Should().Be(CertificateStatus.Valid);
    }

    [Test]
    public void CreateClientRequest_ThenSign_UsesRequestSubject()
    {
        var request = CertificateAuthority.CreateClientRequest("carol", KeyAlgorithm.EcdsaP256, ClientPassphrase);

        request.RequestPem.Should().StartWith("-----BEGIN CERTIFICATE REQUEST-----");
        request.KeyPem.Should().StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    [Test]
    public async Task SignRequestAsync_TamperedRequest_RefusesAndWritesNothing()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var request = CertificateAuthority.CreateClientRequest("carol", KeyAlgorithm.EcdsaP256, null);
        var der = Convert.FromBase64String(string.Concat(request.RequestPem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        der[40] ^= 0x01; // inside the subject: the signature no longer matches
        var csr = Path.Combine(_root, "carol.csr");
        File.WriteAllText(csr, System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der));
        var output = Path.Combine(_root, "carol.crt");

        var act = () => ca.SignRequestAsync(new RequestSigningOptions { RequestPath = csr, OutputPath = output, CaPassphrase = CaPassphrase });

        await act.Should().ThrowAsync<PkiException>().WithMessage("*certificate request*");
        File.Exists(output).Should().BeFalse();
    }

    [Test]
    public async Task SignRequestAsync_ValidRequest_SignsAndRecords()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        var request = CertificateAuthority.CreateClientRequest("carol", KeyAlgorithm.Rsa2048, null);
        var csr = Path.Combine(_root, "carol.csr");
        File.WriteAllText(csr, request.RequestPem);

        var result = await ca.SignRequestAsync(new RequestSigningOptions { RequestPath = csr, OutputPath = Path.Combine(_root, "carol.crt"), CaPassphrase = CaPassphrase });

        result.Certificate.Name.Should().Be("carol");
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(result.CertificatePath);
        certificate.Subject.Should().Be("CN=carol");
    }

    [Test]
    public async Task IssueClientAsync_ConcurrentIssues_IndexKeepsEveryEntry()
    {
        var ca = NewCa();
        await CreateAsync(ca);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => IssueAsync(ca, $"parallel-{i}"))));

        (await ca.ListAsync()).Select(c => c.Name).Should().BeEquivalentTo(Enumerable.Range(0, 8).Select(i => $"parallel-{i}"));
    }

    [Test]
    public async Task IssueClientAsync_NoCaFolder_RefusesWithoutCreatingIt()
    {
        var ca = NewCa(folder: "missing");

        var act = () => IssueAsync(ca);

        await act.Should().ThrowAsync<PkiException>().WithMessage("no CA folder*ca create*");
        Directory.Exists(ca.Directory).Should().BeFalse();
    }

    [Test]
    public async Task IndexWithNewerVersion_IsRefused()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        await File.WriteAllTextAsync(ca.IndexPath, "{\"version\": 99, \"certificates\": []}");

        var act = () => ca.ListAsync();

        await act.Should().ThrowAsync<PkiException>().WithMessage("*version 99*upgrade*");
    }

    [Test]
    public async Task SignRequestAsync_Rsa1024Request_Refused()
    {
        var ca = NewCa();
        await CreateAsync(ca);
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        using var key = PkiKey.FromPkcs8(rsa.ExportPkcs8PrivateKey());
        var request = PkiCertificates.CreateRequest(CertificateSubject.FromCommonName("weak").ToX509Name(), key);
        var csr = Path.Combine(_root, "weak.csr");
        await File.WriteAllTextAsync(csr, PkiCertificates.ToPem(request));

        var act = () => ca.SignRequestAsync(new RequestSigningOptions { RequestPath = csr, OutputPath = Path.Combine(_root, "weak.crt"), CaPassphrase = CaPassphrase });

        await act.Should().ThrowAsync<PkiException>().WithMessage("*1024-bit RSA key*");
    }
}
