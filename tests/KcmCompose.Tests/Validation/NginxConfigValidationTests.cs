using KcmCompose.Validation;
using static KcmCompose.Tests.Validation.ValidationFixtures;

namespace KcmCompose.Tests.Validation;

/// <summary>ADDITIONAL_NGINX_CONFIG through <see cref="ComposeValidator"/>: what nginx reads after interpolation, reported where it is written.</summary>
public class NginxConfigValidationTests
{
    /// <summary>
    /// Closes the proxied location and its server, then opens a second server without client certificates. nginx -t
    /// accepts it (NginxLocationEscapeTests); the first reader saw "$${;}" as one variable and U+00A0 "#" as a comment.
    /// </summary>
    public const string Attack = "proxy_hide_header $${;}\nproxy_hide_header $${;}\n"
        + "server { listen 127.0.0.1:8081; location / { proxy_hide_header a}; return 200; } location \u00A0#x {\n";

    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);

    private static ValidationReport Validate(string yaml, IReadOnlyDictionary<string, string>? variables = null) =>
        ComposeValidator.ValidateText(yaml, "docker-compose.yml", variables ?? _noVariables);

    private static string WithNginxConfig(string literal, string more = "") =>
        KcmFile(GoodProxyEnvironment + more + "      ADDITIONAL_NGINX_CONFIG: \"" + literal.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u00A0", "\\_", StringComparison.Ordinal) + "\"\n");

    [Test]
    public void Validate_ConfigThatOpensASecondServer_IsAnErrorAtTheBraceThatClosesTheLocation()
    {
        var report = Validate(WithNginxConfig(Attack, "      CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem\n      SSL_VERIFY_CLIENT: \"on\"\n"));

        report.IsValid.Should().BeFalse();
        var diagnostic = report.Diagnostics.Where(d => d.Code.StartsWith("nginx-config", StringComparison.Ordinal)).Should().ContainSingle().Subject;
        diagnostic.Code.Should().Be("nginx-config-escapes-location");
        diagnostic.Severity.Should().Be(DiagnosticSeverity.Error);
        (diagnostic.Line, diagnostic.Column).Should().Be((22, 55), "the '}' after \"$${;\" in the double-quoted scalar on line 22");
    }

    [Test]
    public void Validate_VerifyCheckOnlyInAComment_StillWarnsThatVerificationIsNotEnforced()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "optional"
                  ADDITIONAL_NGINX_CONFIG: |
                    # if ($$ssl_client_verify != SUCCESS) { return 403; }
                    add_header X-Verify $$ssl_client_verify;
            """);

        Validate(yaml).Diagnostics.Select(d => d.Code).Should().Contain("verify-not-enforced");
    }

    [Test]
    public void Validate_VerifyCheckWithBracesFromAVariable_IsReadAfterInterpolation()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "optional"
                  ADDITIONAL_NGINX_CONFIG: "if ($$ssl_client_verify != SUCCESS) ${REFUSE}"
            """);

        var report = Validate(yaml, new Dictionary<string, string>(StringComparer.Ordinal) { ["REFUSE"] = "{ return 403; }" });

        report.Diagnostics.Where(d => d.Code is "verify-not-enforced" or "nginx-config-unbalanced" or "nginx-config-escapes-location").Should().BeEmpty();
    }

    [Test]
    public void Validate_BraceBroughtByAVariable_IsReportedAtThePlaceholder()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  ADDITIONAL_NGINX_CONFIG: "return 403; ${EXTRA}"
            """);

        var report = Validate(yaml, new Dictionary<string, string>(StringComparer.Ordinal) { ["EXTRA"] = "} location /x {" });

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "nginx-config-escapes-location").Subject;
        (diagnostic.Line, diagnostic.Column).Should().Be((20, 45));
    }

    [Test]
    public void Validate_EscapingConfigFromAnEnvFile_IsReported()
    {
        var folder = Directory.CreateTempSubdirectory("kcm-nginx-envfile-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "ssl.env"), "ADDITIONAL_NGINX_CONFIG='} } server { listen 8081; location / {'\n");
            var yaml = KcmPrefix.Replace("    ports: [\"443:443\"]\n", "    ports: [\"443:443\"]\n    env_file: ssl.env\n", StringComparison.Ordinal) + GoodProxyEnvironment;

            var report = ComposeValidator.ValidateText(yaml, Path.Combine(folder, "docker-compose.yml"), _noVariables);

            report.Diagnostics.Select(d => d.Code).Should().Contain("nginx-config-escapes-location");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("listen 8443 ssl;")]
    [TestCase("ssl_verify_client off;")]
    [TestCase("location /a {\n  server_name other;\n}")]
    [TestCase("include /etc/nginx/conf.d/*.conf;")]
    public void Validate_DirectiveThatDoesNotBelongInALocation_IsAnEscapeError(string config)
    {
        Validate(WithNginxConfig(config)).Diagnostics.Should().ContainSingle(d => d.Code == "nginx-config-escapes-location")
            .Which.Severity.Should().Be(DiagnosticSeverity.Error);
    }

    [Test]
    public void Validate_ShippedConfigTemplates_StayInsideTheLocation()
    {
        foreach (var template in Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "nginx"), "*.conf"))
        {
            var text = File.ReadAllText(template).Replace("$", "$$", StringComparison.Ordinal);
            Validate(WithNginxConfig(text)).Diagnostics.Where(d => d.Code.StartsWith("nginx-config", StringComparison.Ordinal))
                .Should().BeEmpty(template);
        }
    }

    [Test]
    public void MapToRaw_EscapedDollarsAndPlaceholders_PointAtWhereTheyAreWritten()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["V"] = "{}" };

        var map = KcmCompose.Validation.Rules.NginxConfigCheck.MapToRaw("a $${x} ${V} b", "a ${x} {} b", variables);

        map.Should().Equal(0, 1, 2, 4, 5, 6, 7, 8, 8, 12, 13, 14);
    }

    [Test]
    public void MapToRaw_ValueThatDoesNotLineUp_IsNull()
    {
        KcmCompose.Validation.Rules.NginxConfigCheck.MapToRaw("abc", "abd", _noVariables).Should().BeNull();
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string callerFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerFile)!, "..", "..", ".."));
}
