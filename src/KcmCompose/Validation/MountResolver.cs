using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>What kind of storage a service volume entry mounts.</summary>
internal enum MountKind
{
    Bind,
    Volume,
    Tmpfs,
    Other,
}

/// <summary>One entry of a service's <c>volumes</c>, short or long syntax, with where it is written.</summary>
internal sealed record MountEntry(MountKind Kind, string? Source, string Target, bool ReadOnly, SourceLocation? Location, string Path)
{
    /// <summary>The entry as short syntax, for messages.</summary>
    public string Text => (Source is null ? Target : $"{Source}:{Target}") + (ReadOnly ? ":ro" : string.Empty);
}

/// <summary>How a container path maps to the host.</summary>
internal enum MountResolutionKind
{
    /// <summary>A bind mount covers the path; <see cref="MountResolution.HostPath"/> is the file on the host.</summary>
    HostFile,

    /// <summary>A named volume covers the path: its content is not visible from the compose file.</summary>
    NamedVolume,

    /// <summary>An anonymous volume or tmpfs covers the path: it starts empty.</summary>
    EmptyVolume,

    /// <summary>No mount covers the path: the file would have to be in the image.</summary>
    NotMounted,
}

/// <summary>The result of <see cref="MountResolver.Resolve"/>.</summary>
internal sealed record MountResolution(MountResolutionKind Kind, string? HostPath, MountEntry? Mount);

/// <summary>
/// Maps a path inside the proxy container to the host through the service's <c>volumes</c>: the mount with the
/// longest target that contains the path wins; bind sources resolve against the compose file's folder, with
/// <c>~</c> as the user's home; a single-file mount maps only its own target.
/// </summary>
internal static class MountResolver
{
    /// <summary>The mounts of a service from Compose's typed view (short and long syntax already normalised).</summary>
    public static ImmutableArray<MountEntry> FromTyped(IEnumerable<VolumeMount> volumes) =>
    [
        .. volumes.Select(v => new MountEntry(
            v.Type switch
            {
                VolumeMountType.Bind => MountKind.Bind,
                VolumeMountType.Volume => MountKind.Volume,
                VolumeMountType.Tmpfs => MountKind.Tmpfs,
                _ => MountKind.Other,
            },
            string.IsNullOrEmpty(v.Source) ? null : v.Source,
            v.Target,
            v.ReadOnly,
            v.Location,
            v.Path)),
    ];

    /// <summary>Resolves <paramref name="containerPath"/> through <paramref name="mounts"/>.</summary>
    public static MountResolution Resolve(string containerPath, IEnumerable<MountEntry> mounts, string composeFolder, string? home)
    {
        var path = Normalize(containerPath);
        MountEntry? best = null;
        foreach (var mount in mounts)
        {
            var target = Normalize(mount.Target);
            var covers = path == target || (target == "/" ? path.StartsWith('/') : path.StartsWith(target + "/", StringComparison.Ordinal));
            if (covers && (best is null || target.Length > Normalize(best.Target).Length))
            {
                best = mount;
            }
        }

        if (best is null)
        {
            return new MountResolution(MountResolutionKind.NotMounted, null, null);
        }

        if (best.Kind == MountKind.Volume && best.Source is not null)
        {
            return new MountResolution(MountResolutionKind.NamedVolume, null, best);
        }

        if (best.Kind != MountKind.Bind || best.Source is null)
        {
            return new MountResolution(MountResolutionKind.EmptyVolume, null, best);
        }

        var source = HostSource(best.Source, composeFolder, home);
        var rest = path[Normalize(best.Target).Length..].TrimStart('/');
        var host = rest.Length == 0 ? source : System.IO.Path.Combine(source, rest);
        return new MountResolution(MountResolutionKind.HostFile, host, best);
    }

    /// <summary>A bind source on the host: <c>~</c> expanded, relative to the compose file's folder.</summary>
    public static string HostSource(string source, string composeFolder, string? home)
    {
        if (home is not null && (source == "~" || source.StartsWith("~/", StringComparison.Ordinal)))
        {
            source = home + source[1..];
        }

        return System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(source) ? source : System.IO.Path.Combine(composeFolder, source));
    }

    private static string Normalize(string path)
    {
        var trimmed = path.Trim();
        while (trimmed.Length > 1 && trimmed.EndsWith('/'))
        {
            trimmed = trimmed[..^1];
        }

        return trimmed;
    }
}
