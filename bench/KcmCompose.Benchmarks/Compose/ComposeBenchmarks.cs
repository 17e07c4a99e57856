using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using KcmCompose.Compose;

namespace KcmCompose.Benchmarks.Compose;

/// <summary>Load, interpolate and emit a generated compose file; time and allocations should grow linearly with services.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ComposeBenchmarks
{
    private string _yaml = string.Empty;
    private ComposeDocument _document = null!;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal)
    {
        ["TAG"] = "2.19.1",
        ["HTTPS_PORT"] = "8443",
    };

    /// <summary>How many services the file holds.</summary>
    [Params(200, 2000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yaml = Generate(Services);
        _document = ComposeDocument.Parse(_yaml);
    }

    /// <summary>The floor: YamlDotNet's parser events alone, without building nodes.</summary>
    [Benchmark(Baseline = true)]
    public int YamlDotNetEventsOnly()
    {
        using var reader = new StringReader(_yaml);
        var parser = new YamlDotNet.Core.Parser(reader);
        var count = 0;
        while (parser.MoveNext())
        {
            count++;
        }

        return count;
    }

    [Benchmark]
    public ComposeDocument Parse() => ComposeDocument.Parse(_yaml);

    [Benchmark]
    public InterpolationResult Interpolate() => ComposeInterpolator.Interpolate(_document, _variables);

    [Benchmark]
    public string Emit() => ComposeEmitter.Emit(_document);

    /// <summary>A file shaped like a KCM stack, repeated: anchors, merges, both env forms, ports, volumes, variables.</summary>
    internal static string Generate(int services)
    {
        var builder = new StringBuilder();
        builder.Append("x-defaults: &defaults\n  restart: unless-stopped\n  logging:\n    driver: json-file\n    options:\n      max-size: 10m\n");
        builder.Append("services:\n");
        for (var i = 0; i < services; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            builder.Append("  svc").Append(n).Append(":\n")
                .Append("    <<: *defaults\n")
                .Append("    image: keeper/guacamole-ssl-nginx:${TAG:-2}\n")
                .Append("    container_name: svc-").Append(n).Append('\n')
                .Append("    environment:\n")
                .Append("      ACCEPT_EULA: \"Y\"\n")
                .Append("      SERVER_NAME: host").Append(n).Append(".example.com\n")
                .Append("      SSL_VERIFY_DEPTH: 2\n")
                .Append("      CLIENT_CERTIFICATE_FILE: /etc/kcm/ca-").Append(n).Append(".pem\n")
                .Append("      PASSWORD: \"p$$ss-").Append(n).Append("\"\n")
                .Append("    ports:\n")
                .Append("      - \"${HTTPS_PORT:-443}:443\"\n")
                .Append("      - \"127.0.0.1:").Append((10000 + i).ToString(CultureInfo.InvariantCulture)).Append(":80/tcp\"\n")
                .Append("    volumes:\n")
                .Append("      - ./certs/ca-").Append(n).Append(".pem:/etc/kcm/ca-").Append(n).Append(".pem:ro\n")
                .Append("      - type: volume\n        source: data").Append(n).Append("\n        target: /var/lib/data\n")
                .Append("    command:\n      - |\n        line one\n        line two ").Append(n).Append('\n')
                .Append("    depends_on: [db]\n");
        }

        builder.Append("  db:\n    image: keeper/guacamole-db-mysql:2\n");
        return builder.ToString();
    }
}
