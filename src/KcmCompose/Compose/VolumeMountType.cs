namespace KcmCompose.Compose;

/// <summary>The <c>type</c> of a service volume mount.</summary>
internal enum VolumeMountType
{
    /// <summary>A host path (<c>./certs:/etc/ssl</c>).</summary>
    Bind,

    /// <summary>A named or anonymous volume.</summary>
    Volume,

    /// <summary>A tmpfs mount.</summary>
    Tmpfs,

    /// <summary>A Windows named pipe.</summary>
    Npipe,

    /// <summary>A cluster volume.</summary>
    Cluster,

    /// <summary>An image mounted as a volume.</summary>
    Image,
}
