using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Tests.Kcm;

public class KcmStackEmitTests
{
    private static IEnumerable<TestCaseData> Stacks() =>
        KcmTestStacks.All().Select(s => new TestCaseData(s.Name, s.Stack).SetName($"ToYaml_{s.Name}_MatchesGoldenFile"));

    [TestCaseSource(nameof(Stacks))]
    public void ToYaml_Stack_MatchesGoldenFile(string name, KcmStack stack)
    {
        Golden.Verify(name, stack.ToYaml());
    }

    [Test]
    public void ToYaml_SameStack_IsDeterministic()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").Build();

        stack.ToYaml().Should().Be(stack.ToYaml()).And.Be((stack with { }).ToYaml());
    }

    [Test]
    public void ToComposeDocument_NginxVariables_AreEscapedForCompose()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").WithAdditionalNginxConfig(KcmTestStacks.HostileConfig).Build();

        var environment = (ComposeMapping)((ComposeMapping)((ComposeMapping)stack.ToComposeDocument().Root["services"]!)["ssl"]!)["environment"]!;

        environment["ADDITIONAL_NGINX_CONFIG"].Should().Be(new ComposeScalar("if ($$ssl_client_verify != SUCCESS) { return 403; }"));
    }

    [Test]
    public void ToComposeDocument_Placeholder_StaysInterpolated()
    {
        var stack = KcmTestStacks.Base().WithLicense(EnvironmentValue.Placeholder("KCM_LICENSE")).Build();

        var environment = (ComposeMapping)((ComposeMapping)((ComposeMapping)stack.ToComposeDocument().Root["services"]!)["guacamole"]!)["environment"]!;

        environment["KCM_LICENSE"].Should().Be(new ComposeScalar("${KCM_LICENSE}"));
    }

    [Test]
    public void ToYaml_MultiLineConfig_IsWrittenAsLiteralBlock()
    {
        var yaml = KcmTestStacks.Base().WithClientCa("/ca.pem").WithAdditionalNginxConfig(KcmTestStacks.MultiLineConfig).Build().ToYaml();

        yaml.Should().Contain("ADDITIONAL_NGINX_CONFIG: |\n        if ($$ssl_client_verify != SUCCESS) {\n            return 403;\n");
    }

    [Test]
    public void ToYaml_Default_AvoidsKeysComposeV1Rejects()
    {
        var root = KcmTestStacks.Base().WithClientCa("/ca.pem").Build().ToComposeDocument().Root;
        var yaml = KcmTestStacks.Base().WithClientCa("/ca.pem").Build().ToYaml();

        root.Entries.Select(e => e.Key.Value).Should().Equal("services", "volumes");
        yaml.Should().NotContain("host_ip").And.Contain("- \"0.0.0.0:443:443\"");
    }

    /// <summary>dclint 3.1.0 service-keys-order: image, build, container_name, depends_on, volumes, ..., environment, ..., ports, ..., restart, ...; then the rest sorted.</summary>
    [Test]
    public void ToComposeDocument_ServiceKeys_FollowDclintOrder()
    {
        string[] order = ["image", "build", "container_name", "depends_on", "volumes", "volumes_from", "configs", "secrets", "environment", "env_file", "ports", "networks", "network_mode", "extra_hosts", "command", "entrypoint", "working_dir", "restart", "healthcheck", "logging", "labels", "user", "isolation"];
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").Build();
        stack = stack with { Proxy = stack.Proxy with { OtherKeys = ComposeMapping.Empty.Set("x-note", new ComposeScalar("n")).Set("labels", ComposeSequence.Empty).Set("cap_add", ComposeSequence.Empty) } };

        foreach (var service in ((ComposeMapping)stack.ToComposeDocument().Root["services"]!).Entries)
        {
            var keys = ((ComposeMapping)service.Value).Entries.Select(e => e.Key.Value).ToList();
            var ranks = keys.Select(k => Array.IndexOf(order, k) is var i and >= 0 ? (i, string.Empty) : (order.Length, k)).ToList();
            ranks.Should().BeInAscendingOrder(Comparer<(int, string)>.Create((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : string.CompareOrdinal(a.Item2, b.Item2)), $"service {service.Key.Value} has keys {string.Join(", ", keys)}");
        }
    }

    [Test]
    public void ToComposeDocument_EnvironmentKeys_AreSortedOrdinally()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").WithExtraEnvironment(KcmServiceRole.Proxy, "AAA_FIRST", EnvironmentValue.Literal("1")).Build();

        foreach (var service in ((ComposeMapping)stack.ToComposeDocument().Root["services"]!).Entries)
        {
            var keys = ((ComposeMapping)((ComposeMapping)service.Value)["environment"]!).Entries.Select(e => e.Key.Value).ToList();
            keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        }
    }

    [Test]
    public void ToComposeDocument_InvalidStack_ThrowsWithEveryProblem()
    {
        var stack = KcmTestStacks.Base().WithClientCa("/ca.pem").Build();
        var broken = stack with
        {
            Proxy = stack.Proxy with { ServiceName = "db", ClientAuthentication = stack.Proxy.ClientAuthentication! with { VerifyDepth = -1 } },
        };

        var act = () => broken.ToComposeDocument();

        act.Should().Throw<KcmStackException>().Which.Problems.Should().HaveCount(2)
            .And.Contain(e => e.Code == "kcm-invalid" && e.Message.Contains("'db' is used twice", StringComparison.Ordinal))
            .And.Contain(e => e.Code == "verify-depth-invalid" && e.Message.Contains("SSL_VERIFY_DEPTH", StringComparison.Ordinal));
    }

    [Test]
    public void Sample_ClientAuth_IsTheEmittersOutput()
    {
        var sample = Path.Combine(Golden.RepositoryRoot(), "samples", "kcm-client-auth", "docker-compose.yml");
        var expected = KcmTestStacks.Sample().ToYaml();
        if (!File.Exists(sample) || Environment.GetEnvironmentVariable("KCM_UPDATE_SAMPLES") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(sample)!);
            File.WriteAllText(sample, expected);
        }

        File.ReadAllText(sample).ReplaceLineEndings("\n").Should().Be(expected, "samples/ must never drift from the emitter; regenerate with KCM_UPDATE_SAMPLES=1");
    }
}
