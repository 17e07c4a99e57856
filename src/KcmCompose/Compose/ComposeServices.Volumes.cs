using System.Collections.Immutable;

namespace KcmCompose.Compose;

internal static partial class ComposeServices
{
    private sealed partial class Reader
    {
        private const string _volumeFix = "Write \"SOURCE:TARGET[:OPTIONS]\" such as \"./certs/ca.pem:/etc/nginx/ca.pem:ro\", or the long form with type/source/target.";

        private ImmutableArray<VolumeMount> Volumes(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "volumes");
            var result = ImmutableArray.CreateBuilder<VolumeMount>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        var itemPath = ComposePath.Index(path, i);
                        var mount = sequence.Items[i] switch
                        {
                            ComposeMapping details => LongVolume(details, itemPath),
                            var item => Scalar(item, itemPath) is { } text ? ShortVolume(text, item, itemPath) : null,
                        };
                        if (mount is not null)
                        {
                            result.Add(mount);
                        }
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a list of volumes");
                    break;
            }

            return result.ToImmutable();
        }

        private VolumeMount? ShortVolume(string text, ComposeNode node, string path)
        {
            var parts = JoinWindowsDrives(SplitOutsideVariables(text, ':'));
            if (parts.Count > 3 || parts.Any(p => p.Length == 0))
            {
                return BadVolume(node, path, text, "it needs SOURCE:TARGET or SOURCE:TARGET:OPTIONS, with no empty part");
            }

            if (parts.Count == 1)
            {
                return IsAbsoluteTarget(parts[0])
                    ? new VolumeMount(VolumeMountType.Volume, null, parts[0], false, node.Location, path)
                    : BadVolume(node, path, text, $"the container path '{parts[0]}' is not absolute");
            }

            var source = parts[0];
            var target = parts[1];
            if (!IsAbsoluteTarget(target))
            {
                return BadVolume(node, path, text, $"the container path '{target}' is not absolute");
            }

            var options = parts.Count == 3 ? parts[2].Split(',').ToImmutableArray() : [];
            var readOnly = false;
            string? propagation = null;
            string? selinux = null;
            foreach (var option in options)
            {
                switch (option)
                {
                    case "ro":
                        readOnly = true;
                        break;
                    case "rw" or "nocopy" or "consistent" or "cached" or "delegated":
                        break;
                    case "z" or "Z":
                        selinux = option;
                        break;
                    case "shared" or "slave" or "private" or "rshared" or "rslave" or "rprivate":
                        propagation = option;
                        break;
                    default:
                        if (!ComposeTemplate.HasVariables(option))
                        {
                            return BadVolume(node, path, text, $"'{option}' is not a volume option (ro, rw, z, Z, nocopy, a propagation mode)");
                        }

                        break;
                }
            }

            return new VolumeMount(IsHostPath(source) ? VolumeMountType.Bind : VolumeMountType.Volume, source, target, readOnly, node.Location, path)
            {
                Options = options,
                BindPropagation = propagation,
                BindSelinux = selinux,
            };
        }

        private VolumeMount? LongVolume(ComposeMapping details, string path)
        {
            var typeText = Text(details, "type", path);
            VolumeMountType type;
            switch (typeText)
            {
                case "bind": type = VolumeMountType.Bind; break;
                case "volume": type = VolumeMountType.Volume; break;
                case "tmpfs": type = VolumeMountType.Tmpfs; break;
                case "npipe": type = VolumeMountType.Npipe; break;
                case "cluster": type = VolumeMountType.Cluster; break;
                case "image": type = VolumeMountType.Image; break;
                default:
                    Add(
                        ComposeProblemCodes.InvalidVolume,
                        details.Find("type")?.Value ?? details,
                        ComposePath.Join(path, "type"),
                        typeText,
                        typeText is null ? "A volume in long form needs a 'type'." : $"'{typeText}' is not a volume type.",
                        "Use type: bind, volume, tmpfs, npipe, cluster or image.");
                    return null;
            }

            var target = Text(details, "target", path);
            if (target is null || !IsAbsoluteTarget(target))
            {
                Add(
                    ComposeProblemCodes.InvalidVolume,
                    details.Find("target")?.Value ?? details,
                    ComposePath.Join(path, "target"),
                    target,
                    target is null ? "A volume in long form needs a 'target'." : $"The container path '{target}' is not absolute.",
                    "Write target: /absolute/path/in/container.");
                return null;
            }

            var source = Text(details, "source", path);
            if (type == VolumeMountType.Bind && source is null)
            {
                Add(ComposeProblemCodes.InvalidVolume, details, path, null, "A bind mount needs a 'source' (the host path).", "Add source: ./path/on/host.");
                return null;
            }

            var readOnly = Boolean(details.Find("read_only"), path) ?? false;
            string? propagation = null;
            string? selinux = null;
            bool? createHostPath = null;
            if (details.Find("bind") is { } bindEntry)
            {
                var bindPath = ComposePath.Join(path, "bind");
                if (bindEntry.Value is ComposeMapping bind)
                {
                    propagation = Text(bind, "propagation", bindPath);
                    selinux = Text(bind, "selinux", bindPath);
                    createHostPath = Boolean(bind.Find("create_host_path"), bindPath);
                }
                else
                {
                    InvalidType(bindEntry.Value, bindPath, "a mapping (propagation, create_host_path, selinux)");
                }
            }

            return new VolumeMount(type, source, target, readOnly, details.Location, path)
            {
                BindPropagation = propagation,
                BindSelinux = selinux,
                BindCreateHostPath = createHostPath,
            };
        }

        private VolumeMount? BadVolume(ComposeNode node, string path, string text, string reason)
        {
            Add(ComposeProblemCodes.InvalidVolume, node, path, text, $"The volume '{text}' is invalid: {reason}.", _volumeFix);
            return null;
        }

        /// <summary>A host path as Compose tells them from volume names: relative, absolute, home, Windows, or a variable.</summary>
        private static bool IsHostPath(string source) =>
            source[0] is '.' or '/' or '~' or '\\' or '$'
            || source.Contains('/', StringComparison.Ordinal)
            || IsWindowsAbsolute(source);

        private static bool IsAbsoluteTarget(string target) =>
            target.StartsWith('/') || IsWindowsAbsolute(target) || target.StartsWith('$') || target.StartsWith("\\\\", StringComparison.Ordinal);

        private static bool IsWindowsAbsolute(string path) =>
            path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/';

        /// <summary>Re-joins <c>C</c> and <c>\path</c> that splitting on ':' separated.</summary>
        private static List<string> JoinWindowsDrives(List<string> parts)
        {
            for (var i = 0; i < parts.Count - 1; i++)
            {
                if (parts[i].Length == 1 && char.IsAsciiLetter(parts[i][0]) && parts[i + 1].Length > 0 && parts[i + 1][0] is '\\' or '/')
                {
                    parts[i] = parts[i] + ":" + parts[i + 1];
                    parts.RemoveAt(i + 1);
                }
            }

            return parts;
        }
    }
}
