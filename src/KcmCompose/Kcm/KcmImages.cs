namespace KcmCompose.Kcm;

/// <summary>The image repositories of a Keeper Connection Manager stack; services are recognised by these, whatever their names and tags.</summary>
public static class KcmImages
{
    /// <summary>The TLS-terminating nginx proxy.</summary>
    public const string SslNginx = "keeper/guacamole-ssl-nginx";

    /// <summary>The Guacamole proxy daemon.</summary>
    public const string Guacd = "keeper/guacd";

    /// <summary>The Guacamole web application.</summary>
    public const string Guacamole = "keeper/guacamole";

    /// <summary>The MySQL database, initialised for Guacamole.</summary>
    public const string DatabaseMySql = "keeper/guacamole-db-mysql";

    /// <summary>The PostgreSQL database, initialised for Guacamole.</summary>
    public const string DatabasePostgreSql = "keeper/guacamole-db-postgres";

    /// <summary>The tag written when none is chosen: the KCM 2.x line.</summary>
    public const string DefaultTag = "2";

    /// <summary>
    /// The repository of <paramref name="image"/> without registry host, port, tag or digest, lower-cased
    /// (<c>registry.corp.example:5000/keeper/guacd:2.1@sha256:...</c> gives <c>keeper/guacd</c>). The first path
    /// component is a registry host when it holds a '.' or a ':' or is <c>localhost</c>, as the Docker reference
    /// grammar says; Docker Hub's implicit <c>library/</c> is dropped.
    /// </summary>
    public static string RepositoryOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = image.Trim();
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > slash)
        {
            name = name[..colon];
        }

        var first = name.IndexOf('/', StringComparison.Ordinal);
        if (first > 0)
        {
            var host = name[..first];
            if (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal)
                || host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                name = name[(first + 1)..];
            }
        }

        name = name.ToLowerInvariant();
        return name.StartsWith("library/", StringComparison.Ordinal) ? name["library/".Length..] : name;
    }

    /// <summary>Which KCM service <paramref name="image"/> runs, or <see langword="null"/> for any other image.</summary>
    public static KcmServiceRole? RoleOf(string? image) => image is null ? null : RepositoryOf(image) switch
    {
        SslNginx => KcmServiceRole.Proxy,
        Guacd => KcmServiceRole.Guacd,
        Guacamole => KcmServiceRole.Guacamole,
        DatabaseMySql or DatabasePostgreSql => KcmServiceRole.Database,
        _ => null,
    };

    /// <summary>Whether <paramref name="image"/> is one of Keeper's images (they all refuse to start without the EULA accepted).</summary>
    public static bool IsKeeper(string? image) =>
        image is not null && RepositoryOf(image).StartsWith("keeper/", StringComparison.Ordinal);

    /// <summary>The database kind <paramref name="image"/> runs, or <see langword="null"/> when it is no KCM database image.</summary>
    internal static DatabaseKind? DatabaseOf(string? image) => image is null ? null : RepositoryOf(image) switch
    {
        DatabaseMySql => DatabaseKind.MySql,
        DatabasePostgreSql => DatabaseKind.PostgreSql,
        _ => null,
    };

    /// <summary>The image repository (or repositories) a <paramref name="role"/> runs, for messages.</summary>
    internal static string Describe(KcmServiceRole role) => role switch
    {
        KcmServiceRole.Proxy => SslNginx,
        KcmServiceRole.Guacd => Guacd,
        KcmServiceRole.Guacamole => Guacamole,
        _ => $"{DatabaseMySql} or {DatabasePostgreSql}",
    };
}
