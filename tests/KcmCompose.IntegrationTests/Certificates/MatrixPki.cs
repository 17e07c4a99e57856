using KcmCompose.Tests.Certificates;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>
/// The certificates of the nginx agreement tests, generated once per test run relative to now and written to
/// a temp folder: CA-file variants (by name) and client certificates with their key (by name).
/// </summary>
internal sealed class MatrixPki
{
    public static readonly string[] CaFileNames =
    [
        "root", "intermediate", "intermediate+root", "two-roots", "ec-root", "expired-root",
        "not-yet-valid-root", "non-ca-root", "root-with-text", "crlf",
    ];

    public static readonly string[] ClientNames =
    [
        "by-root", "by-intermediate", "by-intermediate+chain", "by-unrelated", "expired", "by-ec-root",
    ];

    private MatrixPki(string folder)
    {
        Folder = folder;
        var now = DateTimeOffset.UtcNow;
        var rootKeys = TestPki.NewRsa(2048);
        Root = TestPki.Root("CN=Matrix Root,O=KcmCompose Tests", now, rootKeys);
        Intermediate = TestPki.Intermediate("CN=Matrix Intermediate,O=KcmCompose Tests", Root, now);
        var other = TestPki.Root("CN=Other Root,O=KcmCompose Tests", now);
        var unrelated = TestPki.Root("CN=Unrelated Root,O=Elsewhere", now);
        var ecRoot = TestPki.Root("CN=Matrix EC Root,O=KcmCompose Tests", now, TestPki.NewEc());

        // Variants of the root keep its name and key, so the clients the root issued chain to them.
        var expiredRoot = TestPki.Root(Root.Certificate.SubjectDN.ToString(), now, rootKeys, TimeSpan.FromDays(-60), TimeSpan.FromDays(-2));
        var futureRoot = TestPki.Root(Root.Certificate.SubjectDN.ToString(), now, rootKeys, TimeSpan.FromDays(2), TimeSpan.FromDays(60));
        var nonCaRoot = TestPki.Root(Root.Certificate.SubjectDN.ToString(), now, rootKeys, ca: false);

        CaFiles = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["root"] = Root.Pem,
            ["intermediate"] = Intermediate.Pem,
            ["intermediate+root"] = Intermediate.Pem + Root.Pem,
            ["two-roots"] = other.Pem + Root.Pem,
            ["ec-root"] = ecRoot.Pem,
            ["expired-root"] = expiredRoot.Pem,
            ["not-yet-valid-root"] = futureRoot.Pem,
            ["non-ca-root"] = nonCaRoot.Pem,
            ["root-with-text"] = "Subject: CN=Matrix Root\nIssued for the KcmCompose tests.\n\n" + Root.Pem + "\n# end of bundle\n",
            ["crlf"] = (Intermediate.Pem + Root.Pem).Replace("\n", "\r\n", StringComparison.Ordinal),
        };

        var byIntermediate = TestPki.Client("CN=client-by-intermediate", Intermediate, now);
        Clients = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["by-root"] = TestPki.Client("CN=client-by-root", Root, now).Pem,
            ["by-intermediate"] = byIntermediate.Pem,
            ["by-intermediate+chain"] = byIntermediate.Pem + Intermediate.Pem,
            ["by-unrelated"] = TestPki.Client("CN=client-by-unrelated", unrelated, now).Pem,
            ["expired"] = TestPki.Client("CN=client-expired", Root, now, TimeSpan.FromDays(-30), TimeSpan.FromDays(-1)).Pem,
            ["by-ec-root"] = TestPki.Client("CN=client-by-ec-root", ecRoot, now).Pem,
        };
        ClientKeyPem = byIntermediate.KeyPem;

        var serverRoot = TestPki.Root("CN=Matrix Server Root", now);
        var server = TestPki.Server("CN=127.0.0.1", serverRoot, now, ["localhost"]);
        Write("server.crt", server.Pem);
        Write("server.key", server.KeyPem);
        Write("client.key", ClientKeyPem);
        foreach (var (name, pem) in CaFiles)
        {
            Write(CaFileName(name), pem);
        }

        foreach (var (name, pem) in Clients)
        {
            Write(ClientFileName(name), pem);
        }
    }

    public string Folder { get; }

    public TestCertificate Root { get; }

    public TestCertificate Intermediate { get; }

    public IReadOnlyDictionary<string, string> CaFiles { get; }

    public IReadOnlyDictionary<string, string> Clients { get; }

    public string ClientKeyPem { get; }

    public string ServerCertificate => Path.Combine(Folder, "server.crt");

    public string ServerKey => Path.Combine(Folder, "server.key");

    public string ClientKey => Path.Combine(Folder, "client.key");

    public static MatrixPki Create(string folder) => new(folder);

    public string CaFilePath(string name) => Path.Combine(Folder, CaFileName(name));

    public string ClientPath(string name) => Path.Combine(Folder, ClientFileName(name));

    private static string CaFileName(string name) => "ca-" + name.Replace('+', '_') + ".pem";

    private static string ClientFileName(string name) => "client-" + name.Replace('+', '_') + ".pem";

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(Folder, name), content);
}
