using BenchmarkDotNet.Attributes;
using KcmCompose.Compose;
using KcmCompose.Validation;

namespace KcmCompose.Benchmarks;

/// <summary>Validating the KCM stack (four services, client-certificate proxy) warm, in-process.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    /// <summary>The KCM stack as the docs and templates lay it out.</summary>
    public const string KcmStack = """
        services:
          guacd:
            image: keeper/guacd:2
            restart: unless-stopped
            environment:
              ACCEPT_EULA: "Y"
            volumes:
              - "common-storage:/var/lib/guacamole:rw"
          db:
            image: keeper/guacamole-db-postgres:2
            restart: unless-stopped
            environment:
              ACCEPT_EULA: "Y"
              GUACAMOLE_DATABASE: "guacamole_db"
              GUACAMOLE_USERNAME: "guacamole_user"
              GUACAMOLE_PASSWORD: "${DB_PASSWORD:-change-me}"
              GUACAMOLE_ADMIN_PASSWORD: "${ADMIN_PASSWORD:-change-me}"
          guacamole:
            image: keeper/guacamole:2
            restart: unless-stopped
            depends_on:
              - guacd
              - db
            environment:
              ACCEPT_EULA: "Y"
              GUACD_HOSTNAME: "guacd"
              POSTGRESQL_HOSTNAME: "db"
              POSTGRESQL_DATABASE: "guacamole_db"
              POSTGRESQL_USERNAME: "guacamole_user"
              POSTGRESQL_PASSWORD: "${DB_PASSWORD:-change-me}"
            volumes:
              - "common-storage:/var/lib/guacamole:rw"
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            restart: unless-stopped
            ports:
              - "80:80"
              - "443:443"
            environment:
              ACCEPT_EULA: "Y"
              GUACAMOLE_HOSTNAME: "guacamole"
              SSL_HOSTNAME: "kcm.example.com"
              SELF_SIGNED: "Y"
              SSL_VERIFY_CLIENT: "optional"
              ADDITIONAL_NGINX_CONFIG: |
                if ($$ssl_client_verify != SUCCESS) { return 403; }
        volumes:
          common-storage:
        """;

    private static readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal) { ["DB_PASSWORD"] = "secret" };
    private ComposeDocument _document = null!;
    private string _folder = null!;
    private string _path = null!;
    private ComposeValidatorOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _document = ComposeDocument.Parse(KcmStack, "docker-compose.yml");
        _folder = Path.Combine(Path.GetTempPath(), "kcm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _path = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(_path, KcmStack);
        _options = new ComposeValidatorOptions { ProcessEnvironment = _variables };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Rules only, on a parsed document.</summary>
    [Benchmark]
    public ValidationReport ValidateDocument() => ComposeValidator.Validate(_document, _variables);

    /// <summary>Parse and check text.</summary>
    [Benchmark]
    public ValidationReport ValidateText() => ComposeValidator.ValidateText(KcmStack, "docker-compose.yml", _variables);

    /// <summary>What the CLI does: read the file and the .env, parse, check.</summary>
    [Benchmark(Baseline = true)]
    public Task<ValidationReport> ValidateFile() => ComposeValidator.ValidateFileAsync(_path, _options);
}
