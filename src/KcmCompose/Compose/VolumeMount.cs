using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>One service <c>volumes</c> entry, short (<c>./certs:/etc/ssl/ca:ro,z</c>) or long syntax.</summary>
/// <param name="Type">Bind for host paths (starting with <c>.</c>, <c>/</c>, <c>~</c>, or holding a variable), Volume for names.</param>
/// <param name="Source">The host path or volume name as written, or <see langword="null"/> for an anonymous volume or tmpfs.</param>
/// <param name="Target">The path in the container.</param>
/// <param name="ReadOnly">Whether mounted read-only (<c>:ro</c> or <c>read_only: true</c>).</param>
/// <param name="Location">Where the entry is.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.volumes[1]</c>.</param>
internal sealed record VolumeMount(VolumeMountType Type, string? Source, string Target, bool ReadOnly, SourceLocation? Location, string Path)
{
    /// <summary>The short-syntax options after the target (<c>ro</c>, <c>z</c>, <c>rshared</c>...), in order.</summary>
    public ImmutableArray<string> Options { get; init; } = [];

    /// <summary><c>bind.propagation</c>, or a propagation option of the short syntax.</summary>
    public string? BindPropagation { get; init; }

    /// <summary><c>bind.selinux</c> (z or Z), or the z/Z option of the short syntax.</summary>
    public string? BindSelinux { get; init; }

    /// <summary><c>bind.create_host_path</c> when written.</summary>
    public bool? BindCreateHostPath { get; init; }
}
