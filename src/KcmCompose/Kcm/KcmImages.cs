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
    /// The repository of <paramref name="image"/> without registry-independent tag or digest
    /// (<c>docker.io/keeper/guacd:2.1</c> gives <c>keeper/guacd</c>).
    /// </summary>
    public static string RepositoryOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = image;
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

        foreach (var prefix in (string[])["docker.io/library/", "docker.io/", "index.docker.io/", "registry-1.docker.io/"])
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[prefix.Length..];
                break;
            }
        }

        return name.ToLowerInvariant();
    }
}
