using KcmCompose.Validation;
using static KcmCompose.Tests.Validation.ValidationFixtures;

namespace KcmCompose.Tests.Validation;

public class ComposeValidatorTests
{
    private static readonly Dictionary<string, string> _noVariables = new(StringComparer.Ordinal);

    private static ValidationReport Validate(string yaml, IReadOnlyDictionary<string, string>? variables = null) =>
        ComposeValidator.ValidateText(yaml, "docker-compose.yml", variables ?? _noVariables);

    private static IEnumerable<Diagnostic> Own(ValidationReport report) =>
        report.Diagnostics.Where(d => ComposeAndProxyCodes.Contains(d.Code));

    public static IEnumerable<TestCaseData> OneProblemPerFile()
    {
        TestCaseData Case(string code, DiagnosticSeverity severity, int line, int column, string yaml) =>
            new TestCaseData(code, severity, line, column, yaml).SetName($"Validate_{code}_ReportedAt{line}_{column}");

        yield return Case("unknown-key", DiagnosticSeverity.Error, 4, 5, """
            services:
              web:
                image: nginx
                enviroment:
                  A: "1"
            """);
        yield return Case("invalid-type", DiagnosticSeverity.Error, 4, 12, """
            services:
              web:
                image: nginx
                ports: "80:80"
            """);
        yield return Case("interpolation-error", DiagnosticSeverity.Error, 3, 12, """
            services:
              web:
                image: "nginx:${}"
            """);
        yield return Case("required-variable", DiagnosticSeverity.Error, 3, 12, """
            services:
              web:
                image: "nginx:${TAG:?set TAG to the nginx version}"
            """);
        yield return Case("variable-not-set", DiagnosticSeverity.Warning, 3, 12, """
            services:
              web:
                image: "nginx:${TAG}"
            """);
        yield return Case("invalid-port", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                ports:
                  - "abc:80"
            """);
        yield return Case("invalid-volume", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                volumes:
                  - ":/data"
            """);
        yield return Case("invalid-value", DiagnosticSeverity.Error, 6, 20, """
            services:
              web:
                image: nginx
                depends_on:
                  db:
                    condition: sometimes
              db:
                image: postgres
            """);
        yield return Case("invalid-restart", DiagnosticSeverity.Error, 4, 14, """
            services:
              web:
                image: nginx
                restart: sometimes
            """);
        yield return Case("undefined-network", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                networks:
                  - front
            """);
        yield return Case("undefined-volume", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                volumes:
                  - data:/var/lib/data
            """);
        yield return Case("undefined-secret", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                secrets:
                  - token
            """);
        yield return Case("undefined-config", DiagnosticSeverity.Error, 5, 17, """
            services:
              web:
                image: nginx
                configs:
                  - source: site
                    target: /etc/site.conf
            """);
        yield return Case("depends-on-missing", DiagnosticSeverity.Error, 5, 9, """
            services:
              web:
                image: nginx
                depends_on:
                  - db
            """);
        yield return Case("depends-on-cycle", DiagnosticSeverity.Error, 7, 18, """
            services:
              a:
                image: nginx
                depends_on: [b]
              b:
                image: nginx
                depends_on: [a]
            """);
        yield return Case("port-conflict", DiagnosticSeverity.Error, 9, 9, """
            services:
              a:
                image: nginx
                ports:
                  - "8080:80"
              b:
                image: nginx
                ports:
                  - "0.0.0.0:8080:81"
            """);
        yield return Case("image-missing", DiagnosticSeverity.Error, 2, 3, """
            services:
              a:
                restart: always
            """);
        yield return Case("duplicate-container-name", DiagnosticSeverity.Error, 7, 21, """
            services:
              a:
                image: nginx
                container_name: web
              b:
                image: nginx
                container_name: web
            """);
        yield return Case("version-obsolete", DiagnosticSeverity.Info, 1, 1, """
            version: "3.8"
            services:
              a:
                image: nginx
            """);
        yield return Case("yaml11-boolean", DiagnosticSeverity.Warning, 4, 14, """
            services:
              web:
                image: nginx
                restart: no
            """);

        // The proxy (keeper/guacamole-ssl-nginx); its environment starts at line 16, values at column 7.
        yield return Case("eula-not-accepted", DiagnosticSeverity.Error, 16, 20, KcmFile("""
                  ACCEPT_EULA: "N"
                  GUACAMOLE_HOSTNAME: guacamole
                  SSL_HOSTNAME: kcm.example.com
                  SELF_SIGNED: "Y"
            """));
        yield return Case("guacamole-host-unknown", DiagnosticSeverity.Error, 17, 27, KcmFile("""
                  ACCEPT_EULA: "Y"
                  GUACAMOLE_HOSTNAME: guac
                  SSL_HOSTNAME: kcm.example.com
                  SELF_SIGNED: "Y"
            """));
        yield return Case("ssl-hostname-missing", DiagnosticSeverity.Error, 12, 3, KcmFile("""
                  ACCEPT_EULA: "Y"
                  GUACAMOLE_HOSTNAME: guacamole
                  SELF_SIGNED: "Y"
            """));
        yield return Case("tls-mode-conflict", DiagnosticSeverity.Error, 20, 7, KcmFile(GoodProxyEnvironment + """
                  LETSENCRYPT_ACCEPT_TOS: "Y"
            """));
        yield return Case("tls-mode-missing", DiagnosticSeverity.Warning, 12, 3, KcmFile("""
                  ACCEPT_EULA: "Y"
                  GUACAMOLE_HOSTNAME: guacamole
                  SSL_HOSTNAME: kcm.example.com
            """));
        yield return Case("verify-client-invalid", DiagnosticSeverity.Error, 21, 26, KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "require"
            """));
        yield return Case("verify-depth-invalid", DiagnosticSeverity.Error, 21, 25, KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_DEPTH: "two"
            """));
        yield return Case("verify-without-ca", DiagnosticSeverity.Error, 20, 7, KcmFile(GoodProxyEnvironment + """
                  SSL_VERIFY_CLIENT: "on"
            """));
        yield return Case("verify-not-enforced", DiagnosticSeverity.Warning, 21, 26, KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "optional"
            """));
        yield return Case("unescaped-dollar", DiagnosticSeverity.Error, 23, 29, KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FILE: /etc/ssl/ca.pem
                  SSL_VERIFY_CLIENT: "on"
                  ADDITIONAL_NGINX_CONFIG: |
                    add_header X-Client $ssl_client_s_dn;
            """));
        yield return Case("proxy-setting-misspelled", DiagnosticSeverity.Warning, 20, 7, KcmFile(GoodProxyEnvironment + """
                  CLIENT_CERTIFICATE_FIEL: /etc/ssl/ca.pem
            """));
        yield return Case("nginx-config-unbalanced", DiagnosticSeverity.Error, 21, 21, KcmFile(GoodProxyEnvironment + """
                  ADDITIONAL_NGINX_CONFIG: |
                    location /x {
                      return 404;
            """));
        yield return Case("nginx-config-escapes-location", DiagnosticSeverity.Error, 22, 9, KcmFile(GoodProxyEnvironment + """
                  ADDITIONAL_NGINX_CONFIG: |
                    return 403;
                    }
                    location /x {
            """));
    }

    [TestCaseSource(nameof(OneProblemPerFile))]
    public void Validate_FileWithOneProblem_ReportsItsCodeSeverityAndPlace(string code, DiagnosticSeverity severity, int line, int column, string yaml)
    {
        var report = Validate(yaml);

        var own = Own(report).ToList();
        own.Should().ContainSingle(d => d.Code == code, "the file has exactly one {0} problem; all: {1}", code, string.Join(" | ", own));
        var diagnostic = own.Single(d => d.Code == code);
        diagnostic.Severity.Should().Be(severity);
        diagnostic.Line.Should().Be(line);
        diagnostic.Column.Should().Be(column);
        diagnostic.File.Should().Be("docker-compose.yml");
        diagnostic.Message.Should().NotBeNullOrWhiteSpace();
        diagnostic.Fix.Should().NotBeNullOrWhiteSpace();
        own.Where(d => d.Code != code).Should().BeEmpty("only the {0} problem is in the file", code);
    }

    [Test]
    public void Validate_ValidKcmStack_ReportsNothing()
    {
        var report = Validate(ValidKcmStack);

        // Certificate rules may report the CA file, which this in-memory fixture does not provide.
        Own(report).Should().BeEmpty();
    }
}
