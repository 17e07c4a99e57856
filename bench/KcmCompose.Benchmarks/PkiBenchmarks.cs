using BenchmarkDotNet.Attributes;
using KcmCompose.Certificates;

namespace KcmCompose.Benchmarks;

/// <summary>CA creation and client issuing through the public API, files included. Run with <c>--filter *PkiBenchmarks*</c>.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PkiBenchmarks
{
    private string _root = null!;
    private CertificateAuthority _ecCa = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("kcm-pki-bench-").FullName;
        _ecCa = new CertificateAuthority(Path.Combine(_root, "ec"));
        _ecCa.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = "bench" }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark]
    public Task<CaCreationResult> CreateCaRsa4096() =>
        new CertificateAuthority(NextFolder()).CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.Rsa4096, Passphrase = "bench" });

    [Benchmark]
    public async Task<ClientIssueResult> CreateCaP256PlusOneClient()
    {
        var ca = new CertificateAuthority(NextFolder());
        await ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = "bench" }).ConfigureAwait(false);
        return await ca.IssueClientAsync(new ClientIssueOptions { Name = "client", CaPassphrase = "bench", Passphrase = "client", Key = KeyAlgorithm.EcdsaP256 }).ConfigureAwait(false);
    }

    [Benchmark]
    public Task<ClientIssueResult> IssueClientP256() =>
        _ecCa.IssueClientAsync(new ClientIssueOptions
        {
            Name = $"c{Interlocked.Increment(ref _counter)}", CaPassphrase = "bench", Passphrase = "client", Key = KeyAlgorithm.EcdsaP256,
        });

    private string NextFolder() => Path.Combine(_root, $"ca{Interlocked.Increment(ref _counter)}");
}
