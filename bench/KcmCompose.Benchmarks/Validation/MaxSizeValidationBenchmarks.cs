using BenchmarkDotNet.Attributes;
using KcmCompose.Validation;

namespace KcmCompose.Benchmarks.Validation;

/// <summary>
/// What the CLI does on the largest file it accepts: a compose file of just under 4 MiB (the proxy with about 143,000
/// environment entries), read from disk with its .env, parsed and checked.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class MaxSizeValidationBenchmarks
{
    private const long Limit = 4L * 1024 * 1024;
    private string _folder = null!;
    private string _path = null!;

    /// <summary>The size of the generated file in bytes.</summary>
    public long FileSize { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // 29 to 30 bytes per entry: grow N until the next step would pass the limit.
        var n = 100_000;
        var text = LargeEnvironmentBenchmarks.Generate(n);
        while (true)
        {
            var next = LargeEnvironmentBenchmarks.Generate(n + 1_000);
            if (System.Text.Encoding.UTF8.GetByteCount(next) > Limit)
            {
                break;
            }

            (n, text) = (n + 1_000, next);
        }

        _folder = Path.Combine(Path.GetTempPath(), "kcm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(_path, text);
        FileSize = new FileInfo(_path).Length;
        Console.WriteLine($"// generated {_path}: {FileSize} bytes, {n} environment entries");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary><see cref="ComposeValidator.ValidateFileAsync"/> on the file.</summary>
    [Benchmark]
    public Task<ValidationReport> ValidateFile4MiB() => ComposeValidator.ValidateFileAsync(_path, new ComposeValidatorOptions { ProcessEnvironment = new Dictionary<string, string>() });
}
