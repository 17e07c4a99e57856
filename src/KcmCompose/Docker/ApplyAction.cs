namespace KcmCompose.Docker;

/// <summary>What it takes to bring a container in line with the file.</summary>
public enum ApplyAction
{
    /// <summary>Nothing differs.</summary>
    None,

    /// <summary>Only mounted files changed content: SIGHUP makes nginx re-read them without dropping connections.</summary>
    Reload,

    /// <summary>Restart the container (same configuration).</summary>
    Restart,

    /// <summary>The configuration differs: create a new container and replace the old one.</summary>
    Recreate,
}
