using BenchmarkDotNet.Attributes;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Benchmarks;

/// <summary>Building and writing the KCM stack with client authentication, and reading it back.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class KcmBenchmarks
{
    private string _yaml = string.Empty;

    [GlobalSetup]
    public void Setup() => _yaml = BuildAndEmit();

    /// <summary>Builder, validation, mapping to compose nodes and YAML emission.</summary>
    [Benchmark]
    public string BuildAndEmit() =>
        KcmStackBuilder.Create("kcm.example.com")
            .WithClientCa("/etc/kcm/client-ca.pem")
            .WithVerifyDepth(2)
            .WithAdditionalNginxConfig("if ($ssl_client_verify != SUCCESS) {\n    return 403;\n}\n")
            .WithDatabasePassword(EnvironmentValue.Literal("db-password-1"))
            .WithAdminPassword(EnvironmentValue.Literal("admin-password-2"))
            .WithRootPassword(EnvironmentValue.Literal("root-password-3"))
            .Build()
            .ToYaml();

    /// <summary>YAML parsing with locations, then mapping onto the typed stack.</summary>
    [Benchmark]
    public KcmReadResult ParseAndRead() => KcmStackReader.Read(ComposeDocument.Parse(_yaml));
}
