namespace KcmCompose.Kcm;

/// <summary>The compose <c>restart</c> policy of a service.</summary>
public enum RestartPolicy
{
    /// <summary><c>unless-stopped</c>, the default of every KCM service.</summary>
    UnlessStopped,

    /// <summary><c>always</c>.</summary>
    Always,

    /// <summary><c>on-failure</c>.</summary>
    OnFailure,

    /// <summary><c>no</c>.</summary>
    No,
}
