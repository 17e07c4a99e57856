namespace KcmCompose.Kcm;

/// <summary>Which of the four KCM services a builder setting applies to.</summary>
public enum KcmServiceRole
{
    /// <summary>The TLS proxy.</summary>
    Proxy,

    /// <summary>guacd.</summary>
    Guacd,

    /// <summary>The Guacamole web application.</summary>
    Guacamole,

    /// <summary>The database.</summary>
    Database,
}
