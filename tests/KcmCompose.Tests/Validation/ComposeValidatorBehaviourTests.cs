using KcmCompose.Compose;
using KcmCompose.Validation;
using static KcmCompose.Tests.Validation.ValidationFixtures;

namespace KcmCompose.Tests.Validation;

public class ComposeValidatorBehaviourTests
{
    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);

    private static ValidationReport Validate(string yaml, IReadOnlyDictionary<string, string>? variables = null) =>
        ComposeValidator.ValidateText(yaml, "docker-compose.yml", variables ?? _noVariables);

    [Test]
    public void Validate_FileWithManyProblems_ReportsAllOfThemInOneRun()
    {
        const string yaml = """
            version: "3"
            services:
              web:
                image: nginx
                enviroment:
                  A: "1"
                restart: sometimes
                networks: [front]
                depends_on: [db]
                ports: ["8080:80", "8080:81"]
              ssl:
                image: keeper/guacamole-ssl-nginx:2
                environment:
                  ACCEPT_EULA: "N"
                  GUACAMOLE_HOSTNAME: guac
                  SELF_SIGNED: "Y"
                  SSL_VERIFY_DEPTH: "deep"
                  ADDITIONAL_NGINX_CONFIG: |
                    add_header X-DN $ssl_client_s_dn;
                    location / {
            """;

        var report = Validate(yaml);

        report.Diagnostics.Select(d => (d.Code, d.Line, d.Column)).Should().BeEquivalentTo(new[]
        {
            ("version-obsolete", 1, 1),
            ("unknown-key", 5, 5),
            ("invalid-restart", 7, 14),
            ("undefined-network", 8, 16),
            ("depends-on-missing", 9, 18),
            ("port-conflict", 10, 24),
            ("ssl-hostname-missing", 11, 3),
            ("eula-not-accepted", 14, 20),
            ("guacamole-host-unknown", 15, 27),
            ("verify-depth-invalid", 17, 25),
            ("verify-without-ca", 17, 7),
            ("unescaped-dollar", 19, 25),
            ("nginx-config-unbalanced", 20, 20),
        });
        report.IsValid.Should().BeFalse();
        report.Diagnostics.Should().BeInAscendingOrder(d => d.Line);
    }

    [Test]
    public void Validate_UnknownKey_SuggestsTheClosestKnownKey()
    {
        var report = Validate("services:\n  web:\n    imgae: nginx\n");

        var diagnostic = report.Diagnostics.Should().ContainSingle(d => d.Code == "unknown-key").Which;
        diagnostic.Fix.Should().Contain("'image'");
        diagnostic.Path.Should().Be("services.web.imgae");
    }

    [Test]
    public void Validate_UnknownKeyFarFromAnyKnownKey_SuggestsAnExtensionInstead()
    {
        var report = Validate("services:\n  web:\n    image: nginx\n    completely_made_up: 1\n");

        report.Diagnostics.Should().ContainSingle(d => d.Code == "unknown-key").Which.Fix.Should().Contain("x-");
    }

    [TestCase("x-common: {a: 1}\nservices:\n  web:\n    image: nginx\n    x-note: hi\n")]
    [TestCase("services:\n  web:\n    image: nginx\n    healthcheck:\n      test: [CMD, true]\n      interval: 10s\n")]
    [TestCase("services:\n  web:\n    image: nginx\n    ports:\n      - target: 80\n        published: \"8080\"\n        protocol: tcp\n")]
    [TestCase("services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: ./a\n        target: /a\n        bind:\n          create_host_path: true\n")]
    [TestCase("services:\n  web:\n    image: nginx\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres\n")]
    [TestCase("services:\n  web:\n    image: nginx\n    networks:\n      front:\n        aliases: [www]\nnetworks:\n  front:\n")]
    public void Validate_KnownKeysAndExtensions_ReportNoUnknownKey(string yaml)
    {
        Validate(yaml).Diagnostics.Should().BeEmpty();
    }

    [TestCase("unless-stopped", true)]
    [TestCase("on-failure:3", true)]
    [TestCase("on-failure:x", false)]
    [TestCase("On-Failure", false)]
    public void Validate_RestartPolicy_AcceptsOnlyComposeValues(string policy, bool valid)
    {
        var report = Validate($"services:\n  web:\n    image: nginx\n    restart: \"{policy}\"\n");

        report.Diagnostics.Any(d => d.Code == "invalid-restart").Should().Be(!valid);
    }

    [TestCase("\"127.0.0.1:8080:80\"", "\"127.0.0.2:8080:80\"", false)]
    [TestCase("\"127.0.0.1:8080:80\"", "\"8080:80\"", true)]
    [TestCase("\"8080:80/udp\"", "\"8080:80\"", false)]
    [TestCase("\"8000-8010:8000-8010\"", "\"8005:80\"", true)]
    [TestCase("\"80\"", "\"80\"", false)]
    [TestCase("{published: \"443\", target: 443}", "\"443:443\"", true)]
    public void Validate_TwoPortMappings_ConflictOnlyWhenTheyShareAHostPort(string first, string second, bool conflict)
    {
        var yaml = $"services:\n  a:\n    image: nginx\n    ports: [{first}]\n  b:\n    image: nginx\n    ports: [{second}]\n";

        Validate(yaml).Diagnostics.Any(d => d.Code == "port-conflict").Should().Be(conflict);
    }

    [TestCase("services:\n  web:\n    image: nginx\n    depends_on: [dbb]\n  db:\n    image: postgres\n", "depends-on-missing", "'db'")]
    [TestCase("services:\n  web:\n    image: nginx\n    networks: [frnt]\nnetworks:\n  front:\n", "undefined-network", "'front'")]
    [TestCase("services:\n  web:\n    image: nginx\n    volumes: [\"dta:/data\"]\nvolumes:\n  data:\n", "undefined-volume", "'data'")]
    public void Validate_UndefinedReferenceCloseToADefinedName_FixSuggestsIt(string yaml, string code, string suggestion)
    {
        Validate(yaml).Diagnostics.Should().ContainSingle(d => d.Code == code).Which.Fix.Should().Contain(suggestion);
    }

    [Test]
    public void Validate_MoreUnknownDependenciesThanTheSuggestionBudget_LaterOnesListAtMostTwentyNames()
    {
        var yaml = new System.Text.StringBuilder("services:\n");
        for (var i = 0; i < 130; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  s{i:D3}:\n    image: nginx\n    depends_on: [s{i:D3}x]\n");
        }

        var fixes = Validate(yaml.ToString()).Diagnostics.Where(d => d.Code == "depends-on-missing").Select(d => d.Fix).ToList();

        fixes.Should().HaveCount(130);
        fixes.Take(100).Should().AllSatisfy(f => f.Should().StartWith("Did you mean 's"));
        fixes[100].Should().Be($"Correct the name to one of: {string.Join(", ", Enumerable.Range(0, 20).Select(i => $"'s{i:D3}'"))} (and 109 more).");
        fixes.Skip(100).Should().AllSatisfy(f => f.Should().EndWith(" (and 109 more)."));
    }

    [Test]
    public void Validate_MoreUndefinedVolumesThanTheSuggestionBudget_OnlyTheFirstHundredGetADidYouMean()
    {
        var yaml = new System.Text.StringBuilder("services:\n");
        for (var i = 0; i < 130; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  s{i:D3}:\n    image: nginx\n    volumes: [\"data{i:D3}x:/data\"]\n");
        }

        yaml.Append("volumes:\n");
        for (var i = 0; i < 130; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  data{i:D3}:\n");
        }

        var fixes = Validate(yaml.ToString()).Diagnostics.Where(d => d.Code == "undefined-volume").Select(d => d.Fix).ToList();

        fixes.Should().HaveCount(130);
        fixes.Count(f => f.Contains("did you mean", StringComparison.Ordinal)).Should().Be(100);
        fixes[0].Should().Contain("'data000'");
    }

    [Test]
    public void Validate_PortOnManyAddressesThenOnAll_ClashNamesTheFirstAddress()
    {
        var addresses = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"\"127.0.0.{i}:8080:80\""));
        var yaml = $"services:\n  a:\n    image: nginx\n    ports: [{addresses}, \"127.0.0.7:8080:81\"]\n  b:\n    image: nginx\n    ports: [\"8080:80\"]\n";

        var conflicts = Validate(yaml).Diagnostics.Where(d => d.Code == "port-conflict").ToList();

        conflicts.Should().HaveCount(2);
        conflicts[0].Message.Should().Contain("127.0.0.7:8080/tcp").And.Contain("ports[6]");
        conflicts[1].Message.Should().Contain("8080/tcp").And.Contain("ports[0]");
    }

    [Test]
    public void Validate_CycleOfThirtyServices_ShowsTheFirstAndLastTen()
    {
        var yaml = new System.Text.StringBuilder("services:\n");
        for (var i = 0; i < 30; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"  s{i:D2}:\n    image: nginx\n    depends_on: [s{(i + 1) % 30:D2}]\n");
        }

        var message = Validate(yaml.ToString()).Diagnostics.Should().ContainSingle(d => d.Code == "depends-on-cycle").Which.Message;

        message.Should().Contain("s00 -> s01 -> s02 -> s03 -> s04 -> s05 -> s06 -> s07 -> s08 -> s09 -> (11 more) -> s21 -> s22 -> s23 -> s24 -> s25 -> s26 -> s27 -> s28 -> s29 -> s00");
    }

    [Test]
    public void Validate_SelfDependency_IsACycle()
    {
        var report = Validate("services:\n  a:\n    image: nginx\n    depends_on: [a]\n");

        report.Diagnostics.Should().ContainSingle(d => d.Code == "depends-on-cycle").Which.Message.Should().Contain("a -> a");
    }

    [TestCase("yes", true)]
    [TestCase("On", true)]
    [TestCase("\"yes\"", false)]
    [TestCase("'off'", false)]
    [TestCase("Y", true)]
    [TestCase("maybe", false)]
    public void Validate_EnvironmentValue_WarnsForUnquotedYaml11Booleans(string value, bool warns)
    {
        var report = Validate($"services:\n  web:\n    image: nginx\n    environment:\n      FLAG: {value}\n");

        report.Diagnostics.Any(d => d.Code == "yaml11-boolean" && d.Severity == DiagnosticSeverity.Warning).Should().Be(warns);
    }

    [Test]
    public void Validate_BooleanSettingWrittenAsBoolean_DoesNotWarn()
    {
        Validate("services:\n  web:\n    image: nginx\n    read_only: true\n    tty: yes\n").Diagnostics.Should().BeEmpty();
    }

    [Test]
    public void Validate_DollarsInNginxConfig_EscapedOrSetVariablesAreFine()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  ADDITIONAL_NGINX_CONFIG: "add_header X-A $$host; add_header X-B ${HEADER_B}; add_header X-C ${MISSING:-none};"
            """);

        var report = Validate(yaml, new Dictionary<string, string> { ["HEADER_B"] = "b" });

        report.Diagnostics.Where(d => d.Code == "unescaped-dollar").Should().BeEmpty();
    }

    [Test]
    public void Validate_UnsetUpperCaseVariableInNginxConfig_IsReportedWithTheEscapedFix()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  ADDITIONAL_NGINX_CONFIG: "add_header X-B ${HEADER_B};"
            """);

        var diagnostic = Validate(yaml).Diagnostics.Should().ContainSingle(d => d.Code == "unescaped-dollar").Which;
        diagnostic.Line.Should().Be(20);
        diagnostic.Column.Should().Be(48);
        diagnostic.Fix.Should().Contain("$${HEADER_B}");
        diagnostic.Path.Should().Be("services.ssl.environment.ADDITIONAL_NGINX_CONFIG");
    }

    [Test]
    public void Validate_EnvironmentListSyntax_IsCheckedLikeTheMapping()
    {
        var yaml = KcmPrefix + """
                  - ACCEPT_EULA=Y
                  - GUACAMOLE_HOSTNAME=guacamole
                  - SSL_HOSTNAME=kcm.example.com
                  - SELF_SIGNED=Y
                  - SSL_VERIFY_DEPTH=x
            """;

        var diagnostics = Validate(yaml).Diagnostics;

        diagnostics.Select(d => d.Code).Should().BeEquivalentTo("verify-depth-invalid", "verify-without-ca");
        var depth = diagnostics.Single(d => d.Code == "verify-depth-invalid");
        (depth.Line, depth.Column).Should().Be((20, 26));
    }

    [TestCase("optional", true)]
    [TestCase("optional_no_ca", true)]
    [TestCase("off", true)]
    [TestCase("on", false)]
    public void Validate_ClientCaWithVerifyMode_WarnsWhenNotEnforced(string mode, bool warns)
    {
        var yaml = KcmFile(GoodProxyEnvironment + $"""
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "{mode}"
            """);

        Validate(yaml).Diagnostics.Any(d => d.Code == "verify-not-enforced").Should().Be(warns);
    }

    [Test]
    public void Validate_OptionalVerifyWithACheckInNginxConfig_DoesNotWarn()
    {
        var yaml = KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "optional"
                  ADDITIONAL_NGINX_CONFIG: |
                    if ($$ssl_client_verify != SUCCESS) { return 403; }
            """);

        Validate(yaml).Diagnostics.Where(d => ComposeAndProxyCodes.Contains(d.Code)).Should().BeEmpty();
    }

    [TestCase("location / { return 200 \"a}\"; }", null)]
    [TestCase("# a comment with { brace\nadd_header X $$host;", null)]
    [TestCase("add_header X \"$${host}\";", null)]
    [TestCase("location / { } }", '}')]
    [TestCase("add_header X \"unterminated;", '"')]
    [TestCase("add_header X don't;", null)]
    public void Validate_NginxConfig_FindsUnbalancedBracesAndQuotes(string config, char? culprit)
    {
        var yaml = KcmFile(GoodProxyEnvironment + "      ADDITIONAL_NGINX_CONFIG: '" + config.Replace("\n", "\n\n        ", StringComparison.Ordinal) + "'\n");

        var found = Validate(yaml).Diagnostics.Where(d => d.Code == "nginx-config-unbalanced").ToList();

        found.Should().HaveCount(culprit is null ? 0 : 1);
    }

    [Test]
    public void Validate_GuacamoleHostnameMatchingAContainerNameOrAlias_IsKnown()
    {
        var yaml = KcmPrefix.Replace("  guacamole:\n    image: keeper/guacamole:2\n", "  guacamole:\n    image: keeper/guacamole:2\n    container_name: kcm-web\n", StringComparison.Ordinal)
            + GoodProxyEnvironment.Replace("guacamole\n", "kcm-web\n", StringComparison.Ordinal);

        Validate(yaml).Diagnostics.Where(d => d.Code == "guacamole-host-unknown").Should().BeEmpty();
    }

    [Test]
    public void Validate_ProxyEnvironmentFromEnvFile_CountsForRequiredSettings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kcm-validate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "ssl.env"), "SSL_HOSTNAME=kcm.example.com\nSELF_SIGNED=Y\n");
            var yaml = KcmPrefix.Replace("    ports: [\"443:443\"]\n", "    ports: [\"443:443\"]\n    env_file: ssl.env\n", StringComparison.Ordinal) + """
                      ACCEPT_EULA: "Y"
                      GUACAMOLE_HOSTNAME: guacamole
                """;

            var report = ComposeValidator.ValidateText(yaml, Path.Combine(folder, "docker-compose.yml"), _noVariables);

            report.Diagnostics.Where(d => ComposeAndProxyCodes.Contains(d.Code)).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Validate_DocumentWithoutText_UsesNodeLocations()
    {
        var document = ComposeDocument.Parse("services:\n  web:\n    image: nginx\n    restart: sometimes\n", "x.yml");

        var diagnostic = ComposeValidator.Validate(document).Diagnostics.Should().ContainSingle().Which;

        (diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Path).Should().Be(("x.yml", 4, 14, "services.web.restart"));
    }

    [Test]
    public void ThrowIfInvalid_ReportWithErrors_ThrowsWithEveryErrorInTheMessage()
    {
        var report = Validate("services:\n  a:\n    image: nginx\n    restart: never\n    networks: [x]\n");

        var act = () => report.ThrowIfInvalid();

        var exception = act.Should().Throw<ComposeValidationException>().Which;
        exception.Report.Should().BeSameAs(report);
        exception.Message.Should().Contain("docker-compose.yml:4:14").And.Contain("docker-compose.yml:5:16");
    }

    [Test]
    public void ThrowIfInvalid_ReportWithOnlyWarnings_ReturnsTheReport()
    {
        var report = Validate("services:\n  a:\n    image: nginx\n    restart: no\n");

        report.IsValid.Should().BeTrue();
        report.ThrowIfInvalid().Should().BeSameAs(report);
        report.WarningCount.Should().Be(1);
    }

    [Test]
    public async Task ValidateFileOrThrowAsync_InvalidFile_Throws()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "services:\n  a:\n    restart: always\n");

            var act = () => ComposeValidator.ValidateFileOrThrowAsync(path, new ComposeValidatorOptions { ProcessEnvironment = _noVariables });

            (await act.Should().ThrowAsync<ComposeValidationException>()).Which.Report.Diagnostics.Should().ContainSingle(d => d.Code == "image-missing");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Catalog_EveryCodeIsLowerCaseWithDashesAndHasOneSentenceTexts()
    {
        foreach (var descriptor in DiagnosticCatalog.All.Values)
        {
            descriptor.Code.Should().MatchRegex("^[a-z0-9]+(-[a-z0-9]+)*$");
            descriptor.Title.Should().EndWith(".");
        }

        DiagnosticCatalog.All.Keys.Should().Contain(ComposeAndProxyCodes);
    }
}
