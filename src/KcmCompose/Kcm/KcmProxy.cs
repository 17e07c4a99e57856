using System.Collections.Immutable;

namespace KcmCompose.Kcm;

/// <summary>The TLS proxy, <c>keeper/guacamole-ssl-nginx</c>: where client certificates are required.</summary>
public sealed record KcmProxy : KcmService
{
    // Compared item by item, so two proxies with the same lists are equal.
    private readonly EquatableArray<PortBinding> _ports;
    private readonly EquatableArray<ServiceMount> _extraMounts;
    private readonly EquatableArray<KcmServer> _servers;

    /// <summary>The public name users type in the browser (<c>SSL_HOSTNAME</c>).</summary>
    public required Hostname SslHostname { get; init; }

    /// <summary>Where the proxy reaches Guacamole (<c>GUACAMOLE_HOSTNAME</c>), normally the Guacamole service name.</summary>
    public required Hostname GuacamoleHostname { get; init; }

    /// <summary>Where the server certificate comes from.</summary>
    public required TlsMode Tls { get; init; }

    /// <summary>Client-certificate authentication; <see langword="null"/> for none. Defaults to none.</summary>
    public ClientAuthentication? ClientAuthentication { get; init; }

    /// <summary>
    /// Whether the proxy sends Keeper's <c>X-Content-Type-Options</c> header (<c>CONTENT_TYPE_OPTIONS: 'Y'</c>). The builder
    /// turns it on; <see langword="false"/> writes nothing (the image's default: off).
    /// </summary>
    public bool ContentTypeOptions { get; init; }

    /// <summary>
    /// Whether the proxy sends Keeper's <c>Content-Security-Policy</c> header (<c>CONTENT_SECURITY_POLICY: 'Y'</c>). The
    /// builder turns it on; <see langword="false"/> writes nothing (the image's default: off).
    /// </summary>
    public bool ContentSecurityPolicy { get; init; }

    /// <summary>Published ports. The builder defaults to 80 and 443 on all interfaces.</summary>
    public ImmutableArray<PortBinding> Ports { get => _ports; init => _ports = value; }

    /// <summary>Volumes besides the CA, certificate and key mounts the model derives. Defaults to none.</summary>
    public ImmutableArray<ServiceMount> ExtraMounts { get => _extraMounts; init => _extraMounts = value; }

    /// <summary>
    /// More nginx servers (<c>SERVERS</c>, KCM 2.12 and later), each overriding some variables and inheriting the rest
    /// from this proxy; their CA and certificate files are mounted through <see cref="ExtraMounts"/>. Defaults to none.
    /// </summary>
    public ImmutableArray<KcmServer> Servers { get => _servers; init => _servers = value; }
}
