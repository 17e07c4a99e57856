namespace KcmCompose.Docker;

/// <summary>How an update ended.</summary>
public enum UpdateOutcome
{
    /// <summary>The container already matched the file.</summary>
    Unchanged,

    /// <summary>Dry run: nothing was changed.</summary>
    Planned,

    /// <summary>The container's main process was sent SIGHUP and kept running.</summary>
    Reloaded,

    /// <summary>The container was restarted and is running (and healthy, when it has a healthcheck).</summary>
    Restarted,

    /// <summary>A new container replaced the old one and is running (and healthy).</summary>
    Recreated,

    /// <summary>The new container failed; it was removed and the old one runs again.</summary>
    RolledBack,

    /// <summary>The operation failed and could not be undone (see the message).</summary>
    Failed,
}
