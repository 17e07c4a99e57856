namespace KcmCompose.Kcm;

/// <summary>
/// Where the KCM images keep state that must outlive a container: the one table the mapper, the reader and the
/// validator use for the database's data directory and the shared <c>/var/lib/guacamole</c>.
/// </summary>
internal static class KcmDataDirectories
{
    /// <summary>Shared by guacd and Guacamole (recordings, drive redirection).</summary>
    public const string Guacamole = "/var/lib/guacamole";

    /// <summary>The MySQL data directory of <c>keeper/guacamole-db-mysql</c>.</summary>
    public const string MySql = "/var/lib/mysql";

    /// <summary>The PostgreSQL data directory (<c>PGDATA</c>) of <c>keeper/guacamole-db-postgres</c>.</summary>
    public const string PostgreSql = "/var/lib/postgresql/data";

    /// <summary>The data directory of a <paramref name="kind"/> database.</summary>
    public static string Database(DatabaseKind kind) => kind == DatabaseKind.MySql ? MySql : PostgreSql;
}
