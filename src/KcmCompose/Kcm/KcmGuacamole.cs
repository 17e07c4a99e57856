namespace KcmCompose.Kcm;

/// <summary>The web application, <c>keeper/guacamole</c>; its database settings are derived from <see cref="KcmStack.Database"/>.</summary>
public sealed record KcmGuacamole : KcmService
{
    /// <summary>Where Guacamole reaches guacd (<c>GUACD_HOSTNAME</c>), normally the guacd service name.</summary>
    public required Hostname GuacdHostname { get; init; }

    /// <summary>Where Guacamole reaches the database (<c>MYSQL_HOSTNAME</c> or <c>POSTGRES_HOSTNAME</c>), normally the database service name.</summary>
    public required Hostname DatabaseHostname { get; init; }

    /// <summary>The licence key (<c>KCM_LICENSE</c>); <see langword="null"/> for none. Defaults to none.</summary>
    public EnvironmentValue? License { get; init; }
}
