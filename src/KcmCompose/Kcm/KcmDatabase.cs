namespace KcmCompose.Kcm;

/// <summary>The database, <c>keeper/guacamole-db-mysql</c> or <c>keeper/guacamole-db-postgres</c>, initialised for Guacamole at first start.</summary>
public sealed record KcmDatabase : KcmService
{
    /// <summary>MySQL or PostgreSQL; decides the image and Guacamole's variable names.</summary>
    public required DatabaseKind Kind { get; init; }

    /// <summary>The database name (<c>GUACAMOLE_DATABASE</c>).</summary>
    public required string DatabaseName { get; init; }

    /// <summary>The user Guacamole connects as (<c>GUACAMOLE_USERNAME</c>).</summary>
    public required string Username { get; init; }

    /// <summary>That user's password (<c>GUACAMOLE_PASSWORD</c>).</summary>
    public required EnvironmentValue Password { get; init; }

    /// <summary>The initial password of the <c>guacadmin</c> web user (<c>GUACAMOLE_ADMIN_PASSWORD</c>); <see langword="null"/> leaves the image default.</summary>
    public EnvironmentValue? AdminPassword { get; init; }

    /// <summary>The MySQL root password (<c>MYSQL_ROOT_PASSWORD</c>), MySQL only; <see langword="null"/> for none.</summary>
    public EnvironmentValue? RootPassword { get; init; }

    /// <summary>
    /// The PostgreSQL superuser password (<c>POSTGRES_PASSWORD</c>), PostgreSQL only: the image needs it to initialise.
    /// The builder sets it to <see cref="Password"/> unless given; <see langword="null"/> writes none.
    /// </summary>
    public EnvironmentValue? PostgresPassword { get; init; }

    /// <summary>
    /// The named volume mounted at the database's data directory (<c>/var/lib/mysql</c> or
    /// <c>/var/lib/postgresql/data</c>) and declared under top-level <c>volumes</c>. The builder uses
    /// <c>kcm-db-data</c>; <see langword="null"/> writes none (data is lost with the container).
    /// </summary>
    public string? DataVolume { get; init; }
}
