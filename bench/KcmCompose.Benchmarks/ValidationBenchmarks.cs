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

    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal) { ["DB_PASSWORD"] = "secret" };
    private ComposeDocument document = null!;
    private string folder = null!;
    private string path = null!;
    private ComposeValidatorOptions options = null!;

    [GlobalSetup]
    public void Setup()
    {
        document = ComposeDocument.Parse(KcmStack, "docker-compose.yml");
        folder = Path.Combine(Path.GetTempPath(), "kcm-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "docker-compose.yml");
        File.WriteAllText(path, KcmStack);
        options = new ComposeValidatorOptions { ProcessEnvironment = Variables };
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>Rules only, on a parsed document.</summary>
    [Benchmark]
    public ValidationReport ValidateDocument() => ComposeValidator.Validate(document, Variables);

    /// <summary>Parse and check text.</summary>
    [Benchmark]
    public ValidationReport ValidateText() => ComposeValidator.ValidateText(KcmStack, "docker-compose.yml", Variables);

    /// <summary>What the CLI does: read the file and the .env, parse, check.</summary>
    [Benchmark(Baseline = true)]
    public Task<ValidationReport> ValidateFile() => ComposeValidator.ValidateFileAsync(path, options);
}
