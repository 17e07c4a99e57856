using System.Collections.Immutable;
using System.Globalization;
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
internal sealed record MountEntry(MountKind Kind, string? Source, string Target, bool ReadOnly, ComposeNode Node, string Path);

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
    /// <summary>Reads the <c>volumes</c> of a service (short <c>SRC:DST[:MODE]</c> and long syntax); entries it cannot read are skipped.</summary>
    public static ImmutableArray<MountEntry> ReadMounts(ComposeMapping service, string servicePath)
    {
        if (service["volumes"] is not ComposeSequence volumes)
        {
            return [];
        }

        var mounts = ImmutableArray.CreateBuilder<MountEntry>();
        for (var i = 0; i < volumes.Items.Length; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{servicePath}.volumes[{i}]");
            var entry = volumes.Items[i] switch
            {
                ComposeScalar scalar => ParseShort(scalar, path),
                ComposeMapping mapping => ParseLong(mapping, path),
                _ => null,
            };
            if (entry is not null)
            {
                mounts.Add(entry);
            }
        }

        return mounts.ToImmutable();
    }

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

    private static MountEntry? ParseShort(ComposeScalar scalar, string path)
    {
        var parts = scalar.Value.Split(':');
        if (parts.Length == 1)
        {
            return parts[0].Length == 0 ? null : new MountEntry(MountKind.Volume, null, parts[0], false, scalar, path);
        }

        var source = parts[0];
        var target = parts[1];
        var readOnly = parts.Length > 2 && parts[2].Split(',').Contains("ro", StringComparer.Ordinal);
        var kind = LooksLikePath(source) ? MountKind.Bind : MountKind.Volume;
        return target.Length == 0 ? null : new MountEntry(kind, source, target, readOnly, scalar, path);
    }

    private static MountEntry? ParseLong(ComposeMapping mapping, string path)
    {
        if (mapping["target"] is not ComposeScalar { Value.Length: > 0 } target)
        {
            return null;
        }

        var type = (mapping["type"] as ComposeScalar)?.Value;
        var source = (mapping["source"] as ComposeScalar)?.Value;
        var readOnly = mapping["read_only"] is ComposeScalar ro && ro.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        var kind = type switch
        {
            "bind" => MountKind.Bind,
            "volume" => MountKind.Volume,
            "tmpfs" => MountKind.Tmpfs,
            null => source is not null && LooksLikePath(source) ? MountKind.Bind : MountKind.Volume,
            _ => MountKind.Other,
        };
        return new MountEntry(kind, string.IsNullOrEmpty(source) ? null : source, target.Value, readOnly, mapping, path);
    }

    private static bool LooksLikePath(string source) =>
        source.StartsWith('/') || source.StartsWith('.') || source.StartsWith('~');

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
