namespace KcmCompose.Docker;

/// <summary>The kinds of mount this library compares and recreates.</summary>
internal enum MountKind
{
    /// <summary>A host file or folder.</summary>
    Bind,

    /// <summary>A named volume.</summary>
    Volume,

    /// <summary>A memory-backed folder.</summary>
    Tmpfs,
}
