using System.Text;
using BenchmarkDotNet.Attributes;
using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Benchmarks.Kcm;

/// <summary>
/// Enabling client authentication in place on the KCM stack and on a file with 200 extra services: the editor
/// parses once per edit plus twice for the model and the final check, so cost grows with file size times edits.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ClientAuthenticationEditBenchmarks
{
    private static readonly ClientAuthentication _settings = new(
        "/etc/kcm/client-ca.pem", ContainerPath.Of(ClientAuthentication.DefaultCaPath), VerifyClientMode.On, 2, "if ($ssl_client_verify != SUCCESS) { return 403; }");

    private string _text = string.Empty;

    [Params(0, 200)]
    public int ExtraServices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder(KcmStackBuilder.Create("kcm.example.com").WithDatabasePassword(EnvironmentValue.Literal("p")).WithAdminPassword(EnvironmentValue.Literal("a")).WithRootPassword(EnvironmentValue.Literal("r")).Build().ToYaml());
        for (var i = 0; i < ExtraServices; i++)
        {
            builder.Append("  extra").Append(i).Append(":\n    image: nginx:1.25 # extra\n    environment:\n      A: \"1\"\n    ports:\n      - \"127.0.0.1:").Append(10000 + i).Append(":80\"\n");
        }

        _text = builder.ToString();
    }

    [Benchmark]
    public ComposeEditResult Enable() => ClientAuthenticationEditor.Enable(_text, _settings);
}
