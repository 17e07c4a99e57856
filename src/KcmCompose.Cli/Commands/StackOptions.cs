using System.CommandLine;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>
/// The options that shape a KCM stack, defined once for <c>emit</c> and <c>init</c>: host name, database, server
/// certificate, licence, image tag, security headers and data volumes. <see cref="TryApply"/> turns them into builder calls.
/// </summary>
internal sealed class StackOptions
{
    private readonly Option<string?> _hostname;
    private readonly Option<string> _database = new("--database") { Description = "Database image: mysql or postgres.", DefaultValueFactory = _ => "mysql" };
    private readonly Option<string> _tls;
    private readonly Option<string?> _email = new("--email") { Description = "Let's Encrypt notification address (LETSENCRYPT_EMAIL)." };
    private readonly Option<bool> _staging = new("--staging") { Description = "Use the Let's Encrypt staging service." };
    private readonly Option<string?> _certificate = new("--certificate") { Description = "With --tls certificate: the certificate file on the host (mounted read-only)." };
    private readonly Option<string?> _privateKey = new("--private-key") { Description = "With --tls certificate: the private key file on the host (mounted read-only)." };
    private readonly Option<string?> _license = new("--license") { Description = "KCM licence key (KCM_LICENSE)." };
    private readonly Option<string> _tag = new("--tag") { Description = "Tag of the four KCM images.", DefaultValueFactory = _ => KcmImages.DefaultTag };
    private readonly Option<bool> _noSecurityHeaders = new("--no-security-headers")
    {
        Description = "Leave out Keeper's security headers (CONTENT_TYPE_OPTIONS, CONTENT_SECURITY_POLICY), which are on by default.",
    };

    private readonly Option<bool> _noDataVolumes = new("--no-data-volumes")
    {
        Description = "Leave out the named volumes for the database data and /var/lib/guacamole (data is then lost with the containers).",
    };

    public StackOptions(bool hostnameRequired, string defaultTls)
    {
        _hostname = new Option<string?>("--hostname")
        {
            Description = hostnameRequired ? "Public host name users browse to (SSL_HOSTNAME)." : "Public host name users browse to (SSL_HOSTNAME); default: this machine's name.",
            Required = hostnameRequired,
        };
        _tls = new Option<string>("--tls")
        {
            Description = $"Server certificate: letsencrypt, self-signed or certificate (default {defaultTls}).",
            DefaultValueFactory = _ => defaultTls,
        };
    }

    /// <summary>The host paths of files the stack mounts from the options (certificate and key), to be checked before writing.</summary>
    public IEnumerable<string> MountedFiles(ParseResult parse) => new[] { parse.GetValue(_certificate), parse.GetValue(_privateKey) }.OfType<string>();

    public string? Hostname(ParseResult parse) => parse.GetValue(_hostname);

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_hostname, _database, _tls, _email, _staging, _certificate, _privateKey, _license, _tag, _noSecurityHeaders, _noDataVolumes])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The database the options name, or a usage error.</summary>
    public bool TryDatabase(ParseResult parse, out DatabaseKind kind, out string? error)
    {
        (kind, error) = parse.GetValue(_database) switch
        {
            "mysql" => (DatabaseKind.MySql, null),
            "postgres" or "postgresql" => (DatabaseKind.PostgreSql, (string?)null),
            var other => (DatabaseKind.MySql, $"--database must be mysql or postgres, not '{other}'."),
        };
        return error is null;
    }

    /// <summary>The server certificate source the options name, or a usage error.</summary>
    public bool TryTls(ParseResult parse, out TlsMode tls, out string? error)
    {
        tls = TlsMode.SelfSigned;
        error = null;
        var certificatePath = parse.GetValue(_certificate);
        var keyPath = parse.GetValue(_privateKey);
        var mode = parse.GetValue(_tls);
        switch (mode)
        {
            case "letsencrypt":
                tls = TlsMode.LetsEncrypt(parse.GetValue(_email), parse.GetValue(_staging));
                break;
            case "self-signed":
                break;
            case "certificate" when certificatePath is null || keyPath is null:
                error = "--tls certificate needs --certificate and --private-key.";
                return false;
            case "certificate":
                tls = TlsMode.ExistingCertificate(Path.GetFullPath(certificatePath), Path.GetFullPath(keyPath));
                break;
            default:
                error = $"--tls must be letsencrypt, self-signed or certificate, not '{mode}'.";
                return false;
        }

        if (mode != "certificate" && (certificatePath is not null || keyPath is not null))
        {
            error = "--certificate and --private-key need --tls certificate.";
        }
        else if (mode != "letsencrypt" && (parse.GetValue(_email) is not null || parse.GetValue(_staging)))
        {
            error = "--email and --staging need --tls letsencrypt.";
        }

        return error is null;
    }

    /// <summary>Applies the options that need no further choice (tag, licence, headers, volumes) to <paramref name="builder"/>.</summary>
    public KcmStackBuilder ApplyRest(ParseResult parse, KcmStackBuilder builder)
    {
        builder = builder.WithImageTag(parse.GetValue(_tag)!);
        if (parse.GetValue(_license) is { } key)
        {
            builder = builder.WithLicense(EnvironmentValue.Literal(key));
        }

        if (parse.GetValue(_noSecurityHeaders))
        {
            builder = builder.WithSecurityHeaders(contentTypeOptions: false, contentSecurityPolicy: false);
        }

        if (parse.GetValue(_noDataVolumes))
        {
            builder = builder.WithDataVolume(null).WithGuacamoleVolume(null);
        }

        return builder;
    }

    /// <summary>All of the options as a builder for <paramref name="hostname"/>, or a usage error.</summary>
    public bool TryApply(ParseResult parse, string hostname, out KcmStackBuilder builder, out string? error)
    {
        builder = KcmStackBuilder.Create(hostname);
        if (!TryDatabase(parse, out var database, out error) || !TryTls(parse, out var tls, out error))
        {
            return false;
        }

        builder = ApplyRest(parse, builder.WithDatabase(database).WithTls(tls));
        return true;
    }
}
