namespace KcmCompose.Kcm;

/// <summary>Which database image backs Guacamole.</summary>
public enum DatabaseKind
{
    /// <summary><c>keeper/guacamole-db-mysql</c>, configured in Guacamole through <c>MYSQL_*</c>.</summary>
    MySql,

    /// <summary><c>keeper/guacamole-db-postgres</c>, configured in Guacamole through <c>POSTGRES_*</c>.</summary>
    PostgreSql,
}
