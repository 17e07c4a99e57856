namespace KcmCompose.Docker;

/// <summary>One mount of a service.</summary>
/// <param name="Type">Bind, named volume or tmpfs.</param>
/// <param name="Source">Absolute host path (bind), volume name as written in the file (volume), or <see langword="null"/> (tmpfs).</param>
/// <param name="Target">The path inside the container.</param>
/// <param name="ReadOnly">Whether the container sees it read-only.</param>
internal sealed record DesiredMount(MountKind Type, string? Source, string Target, bool ReadOnly = false);
