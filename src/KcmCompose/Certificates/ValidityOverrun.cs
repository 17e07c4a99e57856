namespace KcmCompose.Certificates;

/// <summary>What to do when a requested client validity would end after the CA certificate does.</summary>
public enum ValidityOverrun
{
    /// <summary>End the client certificate when the CA certificate ends, and report that it was shortened. The default.</summary>
    Clamp,

    /// <summary>Refuse to sign.</summary>
    Refuse,
}
