using KcmCompose.Certificates;
using KcmCompose.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static KcmCompose.IntegrationTests.Certificates.PkiCli;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>The real kcm-compose program judged by openssl and NSS's pk12util.</summary>
[NonParallelizable]
public class PkiCliTests
{
    private const string CaPass = "ca pass phrase";
    private const string ClientPass = "client pass phrase";
    private string _work = null!;
    private string _caDir = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        Requires.Program("openssl");
        _work = Directory.CreateTempSubdirectory("kcm-pki-it-").FullName;
        File.WriteAllText(Path.Combine(_work, "ca.pass"), CaPass + "\n");
        File.WriteAllText(Path.Combine(_work, "client.pass"), ClientPass + "\n");
        _caDir = Path.Combine(_work, "ca");
        Succeeds(Run(_work, "ca", "create", "--dir", _caDir, "--key", "p256", "--subject", "/C=US/O=Example/CN=KCM Client CA",
            "--passphrase-file", "ca.pass"));
        Succeeds(Run(_work, "client", "issue", "alice", "--ca-dir", _caDir, "--ca-passphrase-file", "ca.pass",
            "--pfx-passphrase-file", "client.pass", "--days", "30"));
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => Directory.Delete(_work, recursive: true);

    private string Fresh(string name)
    {
        var path = Path.Combine(_work, name);
        Directory.CreateDirectory(path);
        return path;
    }

    [Test]
    public void CaCreate_DefaultRsa4096_OpensslShowsCaExtensions()
    {
        var dir = Path.Combine(Fresh("default-ca"), "ca");

        var created = Succeeds(Run(_work, "ca", "create", "--dir", dir));

        created.StandardOutput.Should().Contain("Generated passphrase for").And.NotContain("Generating", "no progress display without a terminal");
        var text = Succeeds(Openssl(_work, "x509", "-in", Path.Combine(dir, "ca.crt"), "-noout", "-text")).StandardOutput;
        text.Should().Contain("Public-Key: (4096 bit)").And.Contain("sha256WithRSAEncryption");
        text.Should().MatchRegex(@"Basic Constraints: critical\s+CA:TRUE");
        text.Should().MatchRegex(@"Key Usage: critical\s+Certificate Sign, CRL Sign");
        text.Should().Contain("Subject Key Identifier");
        var serial = Succeeds(Openssl(_work, "x509", "-in", Path.Combine(dir, "ca.crt"), "-noout", "-serial")).StandardOutput.Trim();
        (serial.Length - "serial=".Length).Should().BeGreaterThanOrEqualTo(16, "at least 64 random bits");
    }

    [Test]
    public void ClientIssue_OpensslVerifiesAndShowsClientExtensions()
    {
        var crt = Path.Combine(_caDir, "clients", "alice.crt");

        Succeeds(Openssl(_work, "verify", "-CAfile", Path.Combine(_caDir, "ca.crt"), crt)).StandardOutput.Should().Contain(": OK");
        var text = Succeeds(Openssl(_work, "x509", "-in", crt, "-noout", "-text")).StandardOutput;
        text.Should().MatchRegex(@"Basic Constraints: critical\s+CA:FALSE");
        text.Should().MatchRegex(@"Key Usage: critical\s+Digital Signature, Key Encipherment");
        text.Should().MatchRegex(@"Extended Key Usage:\s+TLS Web Client Authentication");
        text.Should().Contain("Authority Key Identifier");
        text.Should().Contain("Subject: CN = alice");
    }

    [Test]
    public void ClientIssue_FiftyClients_AllSerialsDiffer()
    {
        var dir = Path.Combine(Fresh("fifty"), "ca");
        Succeeds(Run(_work, "ca", "create", "--dir", dir, "--key", "p256", "--no-passphrase"));
        for (var i = 0; i < 50; i++)
        {
            Succeeds(Run(_work, "client", "issue", $"c{i}", "--ca-dir", dir, "--key", "p256", "--pfx-passphrase-file", "client.pass"));
        }

        var serials = Enumerable.Range(0, 50)
            .Select(i => Succeeds(Openssl(_work, "x509", "-in", Path.Combine(dir, "clients", $"c{i}.crt"), "-noout", "-serial")).StandardOutput.Trim())
            .ToList();
        serials.Should().OnlyHaveUniqueItems();
        Succeeds(Run(_work, "client", "list", "--ca-dir", dir)).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().HaveCount(51);
    }

    [Test]
    public void Pfx_Compatible_OpensslReadsWithoutLegacyAndNoRc2()
    {
        var info = Succeeds(Openssl(_work, "pkcs12", "-info", "-noout", "-in", Path.Combine(_caDir, "clients", "alice.pfx"), "-passin", "file:client.pass"));

        var text = info.StandardOutput + info.StandardError;
        text.Should().Contain("pbeWithSHA1And3-KeyTripleDES-CBC").And.Contain("MAC: sha1").And.NotContain("RC2");
        var bags = Succeeds(Openssl(_work, "pkcs12", "-info", "-nokeys", "-in", Path.Combine(_caDir, "clients", "alice.pfx"), "-passin", "file:client.pass")).StandardOutput;
        bags.Should().Contain("friendlyName: alice").And.Contain("subject=C = US, O = Example, CN = KCM Client CA");
    }

    [Test]
    public void Pfx_Modern_IsAes256WithSha256Mac()
    {
        Succeeds(Run(_work, "client", "issue", "modern-one", "--ca-dir", _caDir, "--ca-passphrase-file", "ca.pass",
            "--pfx-passphrase-file", "client.pass", "--key", "p256", "--pfx-format", "modern"));

        var info = Succeeds(Openssl(_work, "pkcs12", "-info", "-noout", "-in", Path.Combine(_caDir, "clients", "modern-one.pfx"), "-passin", "file:client.pass"));

        var text = info.StandardOutput + info.StandardError;
        text.Should().Contain("AES-256-CBC").And.Contain("MAC: sha256").And.NotContain("RC2").And.NotContain("3-KeyTripleDES");
    }

    [Test]
    public void Pfx_Compatible_Pk12utilImportsIntoFreshNssDatabase()
    {
        var pk12util = Requires.Program("pk12util");
        var certutil = Requires.Program("certutil");
        var db = Fresh("nssdb");
        Succeeds(ProcessRunner.Run(certutil, ["-N", "-d", $"sql:{db}", "--empty-password"]));

        Succeeds(ProcessRunner.Run(pk12util, ["-i", Path.Combine(_caDir, "clients", "alice.pfx"), "-d", $"sql:{db}", "-W", ClientPass, "-K", ""]));

        var listed = Succeeds(ProcessRunner.Run(certutil, ["-L", "-d", $"sql:{db}"])).StandardOutput;
        listed.Should().Contain("alice");
        Succeeds(ProcessRunner.Run(certutil, ["-K", "-d", $"sql:{db}"])).StandardOutput.Should().Contain("alice");
    }

    [Test]
    public void Keys_OpensslPkeyReadsOurEncryptedKeys()
    {
        foreach (var (key, pass) in new[] { (Path.Combine(_caDir, "ca.key"), "file:ca.pass"), (Path.Combine(_caDir, "clients", "alice.key"), "file:client.pass") })
        {
            File.ReadAllText(key).Should().StartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
            Succeeds(Openssl(_work, "pkey", "-in", key, "-passin", pass, "-noout"));
            Openssl(_work, "pkey", "-in", key, "-passin", "pass:wrong", "-noout").ExitCode.Should().NotBe(0);
        }

        var asn1 = Succeeds(Openssl(_work, "asn1parse", "-in", Path.Combine(_caDir, "ca.key"))).StandardOutput;
        asn1.Should().Contain("PBES2").And.Contain("PBKDF2").And.Contain("aes-256-cbc").And.Contain("hmacWithSHA256");
    }

    [TestCase("aes256-pkcs8", new[] { "genrsa", "-aes256" })]
    [TestCase("des3-traditional", new[] { "genrsa", "-traditional", "-des3" })]
    public void OpensslMadeCa_KeyEitherForm_SignsClientsThatVerify(string label, string[] genrsa)
    {
        var dir = Fresh($"openssl-ca-{label}");
        Succeeds(Openssl(dir, [.. genrsa, "-passout", "file:../ca.pass", "-out", "ca.key", "2048"]));
        var header = File.ReadAllText(Path.Combine(dir, "ca.key"));
        header.Should().Contain(label.StartsWith("des3", StringComparison.Ordinal) ? "Proc-Type: 4,ENCRYPTED" : "BEGIN ENCRYPTED PRIVATE KEY");
        Succeeds(Openssl(dir, "req", "-x509", "-new", "-key", "ca.key", "-passin", "file:../ca.pass", "-subj", "/CN=OpenSSL CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt"));

        Succeeds(Run(_work, "client", "issue", "eve", "--ca-dir", dir, "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass", "--key", "p256"));

        Succeeds(Openssl(dir, "verify", "-CAfile", "ca.crt", Path.Combine("clients", "eve.crt")));
    }

    [Test]
    public void ClientSign_OpensslRequest_VerifiesAndKeepsSubject()
    {
        var dir = Fresh("csr-ok");
        Succeeds(Openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "dave.key", "-subj", "/O=Example/CN=dave", "-out", "dave.csr"));

        Succeeds(Run(dir, "client", "sign", "dave.csr", "--ca-dir", _caDir, "-o", "dave.crt", "--ca-passphrase-file", "../ca.pass"));

        Succeeds(Openssl(dir, "verify", "-CAfile", Path.Combine(_caDir, "ca.crt"), "dave.crt"));
        Succeeds(Openssl(dir, "x509", "-in", "dave.crt", "-noout", "-subject")).StandardOutput.Should().Contain("O = Example, CN = dave");
    }

    [Test]
    public void ClientSign_TamperedRequest_RefusedInOneLineNothingWritten()
    {
        var dir = Fresh("csr-tampered");
        Succeeds(Openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "mallory.key",
            "-subj", "/CN=mallory", "-out", "mallory.csr"));
        var der = Convert.FromBase64String(string.Concat(File.ReadAllLines(Path.Combine(dir, "mallory.csr")).Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        var at = Array.IndexOf(der, (byte)'m'); // the first letter of the common name
        der[at] = (byte)'M';
        File.WriteAllText(Path.Combine(dir, "mallory.csr"), System.Security.Cryptography.PemEncoding.WriteString("CERTIFICATE REQUEST", der));
        var indexBefore = File.ReadAllText(Path.Combine(_caDir, "index.json"));

        var line = RefusedInOneLine(Run(dir, "client", "sign", "mallory.csr", "--ca-dir", _caDir, "-o", "mallory.crt", "--ca-passphrase-file", "../ca.pass"));

        line.Should().Contain("does not verify");
        File.Exists(Path.Combine(dir, "mallory.crt")).Should().BeFalse();
        File.ReadAllText(Path.Combine(_caDir, "index.json")).Should().Be(indexBefore);
    }

    [Test]
    public void ClientIssue_WrongCaPassphrase_RefusedInOneLineNothingWritten()
    {
        File.WriteAllText(Path.Combine(_work, "wrong.pass"), "not it\n");

        var line = RefusedInOneLine(Run(_work, "client", "issue", "wrong-pass", "--ca-dir", _caDir, "--ca-passphrase-file", "wrong.pass", "--pfx-passphrase-file", "client.pass"));

        line.Should().Contain("wrong passphrase");
        Directory.GetFiles(Path.Combine(_caDir, "clients"), "wrong-pass*").Should().BeEmpty();
    }

    [Test]
    public void ClientIssue_CaKeyDoesNotMatch_RefusedInOneLineNothingWritten()
    {
        var dir = Fresh("mismatch");
        Succeeds(Run(dir, "ca", "create", "--dir", "a", "--key", "p256", "--no-passphrase"));
        Succeeds(Run(dir, "ca", "create", "--dir", "b", "--key", "p256", "--no-passphrase"));
        File.Copy(Path.Combine(dir, "b", "ca.key"), Path.Combine(dir, "a", "ca.key"), overwrite: true);

        var line = RefusedInOneLine(Run(dir, "client", "issue", "x", "--ca-dir", "a", "--pfx-passphrase-file", "../client.pass"));

        line.Should().Contain("does not match");
        Directory.Exists(Path.Combine(dir, "a", "clients")).Should().BeFalse();
    }

    [Test]
    public async Task ClientIssue_ExpiredCa_RefusedInOneLineNothingWritten()
    {
        var dir = Path.Combine(Fresh("expired"), "ca");
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-40));
        await new CertificateAuthority(dir, past).CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, ValidityDays = 30, Unencrypted = true });

        var line = RefusedInOneLine(Run(_work, "client", "issue", "late", "--ca-dir", dir, "--pfx-passphrase-file", "client.pass"));

        line.Should().Contain("expired on");
        Directory.Exists(Path.Combine(dir, "clients")).Should().BeFalse();
    }

    [Test]
    public void CaCreate_Existing_RefusedWithoutForce()
    {
        var before = File.ReadAllText(Path.Combine(_caDir, "ca.crt"));

        var line = RefusedInOneLine(Run(_work, "ca", "create", "--dir", _caDir, "--key", "p256", "--no-passphrase"));

        line.Should().Contain("--force");
        File.ReadAllText(Path.Combine(_caDir, "ca.crt")).Should().Be(before);
    }

    [TestCase("ca", "create", "--dir", "x", "--key", "rsa1024")]
    [TestCase("client", "issue", "x")]
    [TestCase("ca", "create", "--dir", "x", "--passphrase", "secret")]
    public void BadArguments_ExitTwo(params string[] arguments) =>
        Run(_work, arguments).ExitCode.Should().Be(2);

    [Test]
    public void RevokeThenCrl_OpensslCrlCheckRejectsRevokedOnly()
    {
        var dir = Path.Combine(Fresh("crl"), "ca");
        Succeeds(Run(_work, "ca", "create", "--dir", dir, "--key", "p256", "--passphrase-file", "ca.pass"));
        foreach (var name in new[] { "keep", "drop" })
        {
            Succeeds(Run(_work, "client", "issue", name, "--ca-dir", dir, "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"));
        }

        Succeeds(Run(_work, "client", "revoke", "drop", "--ca-dir", dir));
        Succeeds(Run(_work, "crl", "--ca-dir", dir, "-o", "crl.pem", "--ca-passphrase-file", "ca.pass"));

        var ca = Path.Combine(dir, "ca.crt");
        Succeeds(Openssl(_work, "crl", "-in", "crl.pem", "-CAfile", ca, "-noout"));
        Succeeds(Openssl(_work, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", ca, Path.Combine(dir, "clients", "keep.crt")));
        var revoked = Openssl(_work, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", ca, Path.Combine(dir, "clients", "drop.crt"));
        revoked.ExitCode.Should().NotBe(0);
        (revoked.StandardOutput + revoked.StandardError).Should().Contain("revoked");
        Succeeds(Run(_work, "client", "list", "--ca-dir", dir)).StandardOutput.Should().MatchRegex(@"drop\s+\S+\s+revoked");
    }

    [Test]
    public void Renew_SameKey_NewSerialVerifies()
    {
        var before = Succeeds(Openssl(_work, "x509", "-in", Path.Combine(_caDir, "clients", "alice.crt"), "-noout", "-serial", "-pubkey")).StandardOutput;

        Succeeds(Run(_work, "client", "renew", "alice", "--ca-dir", _caDir, "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass", "--days", "60"));

        var after = Succeeds(Openssl(_work, "x509", "-in", Path.Combine(_caDir, "clients", "alice.crt"), "-noout", "-serial", "-pubkey")).StandardOutput;
        after.Split('\n')[0].Should().NotBe(before.Split('\n')[0]);
        after[after.IndexOf("-----BEGIN", StringComparison.Ordinal)..].Should().Be(before[before.IndexOf("-----BEGIN", StringComparison.Ordinal)..]);
        Succeeds(Openssl(_work, "verify", "-CAfile", Path.Combine(_caDir, "ca.crt"), Path.Combine(_caDir, "clients", "alice.crt")));
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CaCreate_SavePassphrase_WritesItOnce0600AndItOpensTheKey()
    {
        var dir = Fresh("saved");
        var created = Succeeds(Run(dir, "ca", "create", "--dir", "ca", "--key", "p256", "--save-passphrase", "ca.pass"));

        var saved = File.ReadAllText(Path.Combine(dir, "ca.pass")).Trim();
        saved.Length.Should().BeGreaterThanOrEqualTo(30);
        created.StandardOutput.Should().NotContain(saved).And.Contain("saved to");
        File.GetUnixFileMode(Path.Combine(dir, "ca.pass")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Succeeds(Openssl(dir, "pkey", "-in", "ca/ca.key", "-passin", "file:ca.pass", "-noout"));

        var environment = new Dictionary<string, string?> { ["KCM_TEST_CA_PASS"] = saved };
        var issued = ProcessRunner.Run("dotnet", [Assembly, "client", "issue", "env-user", "--ca-dir", "ca", "--key", "p256", "--ca-passphrase-env", "KCM_TEST_CA_PASS"], dir, environment);
        Succeeds(issued).StandardOutput.Should().MatchRegex(@"Generated passphrase for .*\n  [0-9a-z]{5}(-[0-9a-z]{5}){5}");
    }

    [Test]
    public void ClientIssue_EncryptedCaWithoutPassphraseSource_RefusedNamingTheOptions()
    {
        var line = RefusedInOneLine(Run(_work, "client", "issue", "nopass", "--ca-dir", _caDir, "--pfx-passphrase-file", "client.pass"));

        line.Should().Contain("--ca-passphrase-file").And.Contain("--ca-passphrase-env");
    }

    [TestCase("ec-traditional", "EC PRIVATE KEY", new[] { "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "ca.key" })]
    [TestCase("p384-pkcs8", "BEGIN PRIVATE KEY", new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "ca.key" })]
    [TestCase("p521-pkcs8", "BEGIN PRIVATE KEY", new[] { "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-out", "ca.key" })]
    public void OpensslMadeEcCa_Unencrypted_SignsClientsThatVerify(string label, string expectedPem, string[] keyCommand)
    {
        var dir = Fresh($"openssl-ca-{label}");
        Succeeds(Openssl(dir, keyCommand));
        File.ReadAllText(Path.Combine(dir, "ca.key")).Should().Contain(expectedPem);
        Succeeds(Openssl(dir, "req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=OpenSSL EC CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt"));

        Succeeds(Run(_work, "client", "issue", "frank", "--ca-dir", dir, "--pfx-passphrase-file", "client.pass", "--key", "p256"));

        Succeeds(Openssl(dir, "verify", "-CAfile", "ca.crt", Path.Combine("clients", "frank.crt")));
    }

    /// <summary>A fresh CA (P-256, passphrase ca.pass) in its own folder under <paramref name="label"/>; returns the CA folder.</summary>
    private string FreshCa(string label)
    {
        var dir = Path.Combine(Fresh(label), "ca");
        Succeeds(Run(_work, "ca", "create", "--dir", dir, "--key", "p256", "--passphrase-file", "ca.pass"));
        return dir;
    }

    private ProcessResult Issue(string dir, string name) =>
        Run(_work, "client", "issue", name, "--ca-dir", dir, "--key", "p256", "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass");

    [Test]
    public void ClientRenew_RevokedClient_RefusedInOneLineUntilAllowRevoked()
    {
        var dir = FreshCa("renew-revoked");
        Succeeds(Issue(dir, "gone"));
        Succeeds(Run(_work, "client", "revoke", "gone", "--ca-dir", dir));
        var crt = File.ReadAllText(Path.Combine(dir, "clients", "gone.crt"));
        string[] renew = ["client", "renew", "gone", "--ca-dir", dir, "--ca-passphrase-file", "ca.pass", "--pfx-passphrase-file", "client.pass"];

        var line = RefusedInOneLine(Run(_work, renew));

        line.Should().MatchRegex(@"'gone' is revoked \(serial [0-9A-F]+, revoked \d{4}-\d\d-\d\d .*--allow-revoked");
        File.ReadAllText(Path.Combine(dir, "clients", "gone.crt")).Should().Be(crt);
        Succeeds(Run(_work, [.. renew, "--allow-revoked"]));
        Succeeds(Openssl(_work, "verify", "-CAfile", Path.Combine(dir, "ca.crt"), Path.Combine(dir, "clients", "gone.crt")));
    }

    [TestCase("secp112r1", "ECDSA key on curve secp112r1 (112-bit)")]
    [TestCase("secp160r1", "ECDSA key on curve secp160r1 (160-bit)")]
    [TestCase("secp192k1", "ECDSA key on curve secp192k1 (192-bit)")]
    [TestCase("dsa1024", "1024-bit DSA key")]
    public void ClientSign_OpensslRequestWithWeakKey_RefusedNamingKeyAndAcceptedSet(string kind, string named)
    {
        var dir = Fresh($"csr-weak-{kind}");
        string[] newKey = kind == "dsa1024" ? ["-newkey", "dsa:dsa.param"] : ["-newkey", "ec", "-pkeyopt", $"ec_paramgen_curve:{kind}"];
        if (kind == "dsa1024")
        {
            Succeeds(Openssl(dir, "dsaparam", "-out", "dsa.param", "1024"));
        }

        Succeeds(Openssl(dir, ["req", "-new", .. newKey, "-nodes", "-keyout", "weak.key", "-subj", "/CN=weak", "-out", "weak.csr"]));
        var indexBefore = File.ReadAllText(Path.Combine(_caDir, "index.json"));

        var line = RefusedInOneLine(Run(dir, "client", "sign", "weak.csr", "--ca-dir", _caDir, "-o", "weak.crt", "--ca-passphrase-file", "../ca.pass"));

        line.Should().Contain(named).And.Contain("accepted are RSA of 2048 bits or more, ECDSA on P-256, P-384 or P-521, or Ed25519");
        File.Exists(Path.Combine(dir, "weak.crt")).Should().BeFalse();
        File.ReadAllText(Path.Combine(_caDir, "index.json")).Should().Be(indexBefore);
    }

    [TestCase("ed25519", new[] { "-newkey", "ed25519" })]
    [TestCase("p521", new[] { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521" })]
    public void ClientSign_OpensslRequestWithAcceptedKey_SignedAndVerifies(string kind, string[] newKey)
    {
        var dir = Fresh($"csr-ok-{kind}");
        Succeeds(Openssl(dir, ["req", "-new", .. newKey, "-nodes", "-keyout", "k.key", "-subj", $"/CN=ok-{kind}", "-out", "k.csr"]));

        Succeeds(Run(dir, "client", "sign", "k.csr", "--ca-dir", _caDir, "-o", "k.crt", "--ca-passphrase-file", "../ca.pass"));

        Succeeds(Openssl(dir, "verify", "-CAfile", Path.Combine(_caDir, "ca.crt"), "k.crt"));
    }

    [TestCase("esc", "/CN=\u001b[31mred\u001b[0m")]
    [TestCase("traversal", "/CN=..\\/..\\/evil")]
    [TestCase("dotdot", "/CN=..")]
    public void ClientSign_CommonNameOutsideTheClientNameRule_RefusedInOnePrintableLine(string label, string subject)
    {
        var dir = Fresh($"csr-name-{label}");
        Succeeds(Openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "n.key",
            "-subj", subject, "-out", "n.csr"));
        var indexBefore = File.ReadAllText(Path.Combine(_caDir, "index.json"));

        var result = Run(dir, "client", "sign", "n.csr", "--ca-dir", _caDir, "-o", "n.crt", "--ca-passphrase-file", "../ca.pass");

        RefusedInOneLine(result).Should().Contain("is not allowed");
        result.StandardError.Should().NotContain("\u001b");
        File.Exists(Path.Combine(dir, "n.crt")).Should().BeFalse();
        File.ReadAllText(Path.Combine(_caDir, "index.json")).Should().Be(indexBefore);
    }

    [Test]
    public void ClientSign_NameDiffersFromCommonName_RefusedInOneLine()
    {
        var dir = Fresh("csr-name-differs");
        Succeeds(Openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "n.key",
            "-subj", "/CN=erin", "-out", "n.csr"));

        var line = RefusedInOneLine(Run(dir, "client", "sign", "n.csr", "--ca-dir", _caDir, "-o", "n.crt", "--name", "someone-else", "--ca-passphrase-file", "../ca.pass"));

        line.Should().Contain("differs from the request's common name 'erin'");
    }

    [Test]
    public void ClientRevoke_AfterAKillLeftAnUnindexedCertificateAndTemporaryFiles_NotesRepairsAndRevokes()
    {
        var dir = FreshCa("repair");
        var indexBefore = File.ReadAllBytes(Path.Combine(dir, "index.json"));
        Succeeds(Issue(dir, "bob"));
        File.WriteAllBytes(Path.Combine(dir, "index.json"), indexBefore); // the state a kill before the index update left (older versions)
        var stray = Path.Combine(dir, "clients", $".bob.pfx.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(stray, "half-written");

        var revoked = Succeeds(Run(_work, "client", "revoke", "bob", "--ca-dir", dir));

        revoked.StandardError.Should().Contain("note: recorded").And.Contain("bob.crt").And.Contain("removed 1 temporary file(s)");
        revoked.StandardOutput.Should().Contain("Revoked bob");
        File.Exists(stray).Should().BeFalse();
        Succeeds(Run(_work, "crl", "--ca-dir", dir, "-o", "repair.crl", "--ca-passphrase-file", "ca.pass"));
        var check = Openssl(_work, "verify", "-crl_check", "-CRLfile", "repair.crl", "-CAfile", Path.Combine(dir, "ca.crt"), Path.Combine(dir, "clients", "bob.crt"));
        (check.StandardOutput + check.StandardError).Should().Contain("revoked");
        Succeeds(Run(_work, "client", "list", "--ca-dir", dir)).StandardError.Should().BeEmpty("the repair happened once");
    }

    [Test]
    public void CaCreate_CertificateWithoutKey_RefusedInOneLineNamingIt()
    {
        var dir = FreshCa("half-ca");
        File.Delete(Path.Combine(dir, "ca.key"));

        var line = RefusedInOneLine(Run(_work, "ca", "create", "--dir", dir, "--key", "p256", "--no-passphrase"));

        line.Should().Contain("exists without its key").And.Contain("--force");
    }
}
