namespace KcmCompose.Docker;

/// <summary>One file a stack service gets through Swarm: a config or a secret, its content and where it lands.</summary>
/// <param name="Kind">Config or secret.</param>
/// <param name="Key">The top-level key under <c>configs:</c> or <c>secrets:</c>.</param>
/// <param name="Target">The path inside the container.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Prefix">The name without the content hash (see <see cref="SwarmObjectNames.Prefix"/>).</param>
internal sealed record SwarmFile(SwarmFileKind Kind, string Key, string Target, byte[] Content, string Prefix)
{
    /// <summary>The content's full SHA-256.</summary>
    public string Hash => SwarmObjectNames.Hash(Content);

    /// <summary>The versioned Swarm name, <c>PREFIX-HASH</c>.</summary>
    public string Name => SwarmObjectNames.Versioned(Prefix, Content);

    /// <summary>The long-syntax <c>uid</c>; defaults to "0".</summary>
    public string Uid { get; init; } = "0";

    /// <summary>The long-syntax <c>gid</c>; defaults to "0".</summary>
    public string Gid { get; init; } = "0";

    /// <summary>The file mode; defaults to 0444, as <c>docker stack deploy</c> sets it.</summary>
    public uint Mode { get; init; } = 292;
}

/// <summary>Which kind of Swarm object carries a <see cref="SwarmFile"/>.</summary>
internal enum SwarmFileKind
{
    /// <summary>A Swarm config (<c>configs:</c>).</summary>
    Config,

    /// <summary>A Swarm secret (<c>secrets:</c>).</summary>
    Secret,
}
