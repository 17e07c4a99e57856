using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using KcmCompose.Certificates;

namespace KcmCompose.Benchmarks;

/// <summary>CaFile.Analyze on realistic CA files (warm), and one client evaluation against the small one.</summary>
[MemoryDiagnoser]
public class CaFileBenchmarks
{
    private byte[] intermediateAndRoot = [];
    private byte[] bundle = [];
    private CertificateChain client = null!;
    private CaFileAnalysis analysis = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var rootKey = RSA.Create(2048);
        using var intermediateKey = RSA.Create(2048);
        using var leafKey = RSA.Create(2048);
        var now = DateTimeOffset.UtcNow;
        using var root = Ca("CN=Bench Root", rootKey).CreateSelfSigned(now.AddDays(-1), now.AddDays(365));
        using var intermediate = Ca("CN=Bench Intermediate", intermediateKey).Create(root, now.AddDays(-1), now.AddDays(300), [1, 2, 3, 4]);
        var leafRequest = new CertificateRequest("CN=bench-client", leafKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var intermediateWithKey = intermediate.CopyWithPrivateKey(intermediateKey);
        using var leaf = leafRequest.Create(intermediateWithKey, now.AddDays(-1), now.AddDays(30), [5, 6, 7, 8]);

        intermediateAndRoot = Encoding.ASCII.GetBytes(intermediate.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n");
        var text = new StringBuilder();
        for (var i = 0; i < 150; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=Bundle Root {i}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(365));
            text.Append("# Bundle Root ").Append(i).Append('\n').Append(certificate.ExportCertificatePem()).Append('\n');
        }

        bundle = Encoding.ASCII.GetBytes(text.ToString());
        client = CertificateChain.Parse(Encoding.ASCII.GetBytes(leaf.ExportCertificatePem()));
        analysis = CaFile.Analyze(intermediateAndRoot);
        var verdict = ClientCertificateCheck.Evaluate(client, analysis, 1, ClientCertificateCheckMode.On, TimeProvider.System);
        if (!verdict.Accepted || CaFile.Analyze(bundle).Certificates.Length != 150)
        {
            throw new InvalidOperationException("Benchmark set-up is wrong: " + verdict.Reason);
        }
    }

    [Benchmark(Baseline = true)]
    public int Analyze_IntermediateAndRoot() => CaFile.Analyze(intermediateAndRoot).Certificates.Length;

    [Benchmark]
    public int Analyze_Bundle150() => CaFile.Analyze(bundle).Certificates.Length;

    [Benchmark]
    public bool Evaluate_ClientViaIntermediate() =>
        ClientCertificateCheck.Evaluate(client, analysis, 1, ClientCertificateCheckMode.On, TimeProvider.System).Accepted;

    private static CertificateRequest Ca(string name, RSA key)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }
}
