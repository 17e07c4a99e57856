using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using KcmCompose.Compose;
using KcmCompose.Kcm;
using KcmCompose.Validation;

namespace KcmCompose.Benchmarks.Validation;

/// <summary>
/// Validate and client-auth enable on one proxy service whose <c>environment</c> mapping has <see cref="N"/> entries
/// (about 29 bytes each: 100,000 is 2.8 MiB, under the 4 MiB input limit). Every step is keyed, so time and
/// allocation should double with N; before the key index in ComposeMapping, enable grew with N squared.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LargeEnvironmentBenchmarks
{
    private static readonly ClientAuthentication _settings = new(
        "/etc/kcm/client-ca.pem", ContainerPath.Of(ClientAuthentication.DefaultCaPath), VerifyClientMode.On, 2, "if ($ssl_client_verify != SUCCESS) { return 403; }");

    private string _text = string.Empty;

    [Params(12_500, 25_000, 50_000, 100_000)]
    public int N { get; set; }

    /// <summary>The compose text: the proxy with N variables, in mapping form.</summary>
    public static string Generate(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var builder = new StringBuilder("services:\n  ssl:\n    image: keeper/guacamole-ssl-nginx:2\n    environment:\n      SSL_HOSTNAME: kcm.example.com\n      SELF_SIGNED: \"Y\"\n");
        for (var i = 0; i < n; i++)
        {
            builder.Append("      VAR_").Append(i.ToString("D6", CultureInfo.InvariantCulture)).Append(": value_").Append(i).Append('\n');
        }

        return builder.ToString();
    }

    [GlobalSetup]
    public void Setup() => _text = Generate(N);

    /// <summary>Parse, interpolate, read the services and run every rule.</summary>
    [Benchmark(Baseline = true)]
    public ValidationReport Validate() => ComposeValidator.ValidateText(_text, "docker-compose.yml");

    /// <summary>Parse, find the proxy, splice four variables and a mount, parse again and compare.</summary>
    [Benchmark]
    public ComposeEditResult Enable() => ClientAuthenticationEditor.Enable(_text, _settings);
}
