using KcmCompose.Compose;

using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary><c>undefined-network</c>, <c>undefined-volume</c>, <c>undefined-secret</c> and <c>undefined-config</c>.</summary>
internal sealed class ReferenceRule : IValidationRule
{
    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        var networks = Names(context, "networks");
        networks.Add("default");
        var volumes = Names(context, "volumes");
        var secrets = Names(context, "secrets");
        var configs = Names(context, "configs");
        var hints = new Hints();
        foreach (var service in context.Services)
        {
            CheckNetworks(context, sink, service, networks, hints);
            CheckVolumes(context, sink, service, volumes, hints);
            CheckFiles(context, sink, service, "secrets", secrets, DiagnosticCatalog.UndefinedSecret, hints);
            CheckFiles(context, sink, service, "configs", configs, DiagnosticCatalog.UndefinedConfig, hints);
        }
    }

    private static HashSet<string> Names(ValidationContext context, string section)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (context.InterpolatedRoot[section] is ComposeMapping mapping)
        {
            foreach (var entry in mapping.Entries)
            {
                set.Add(entry.Key.Value);
            }
        }

        return set;
    }

    private static void CheckNetworks(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service, HashSet<string> defined, Hints hints)
    {
        var path = service.Path + ".networks";
        switch (service.Resolved["networks"])
        {
            case ComposeSequence list:
                for (var i = 0; i < list.Items.Length; i++)
                {
                    if (list.Items[i] is ComposeScalar { Type: not ScalarType.Null } name && !defined.Contains(name.Value))
                    {
                        sink.Add(context.At(DiagnosticCatalog.UndefinedNetwork, name, NodePath.Item(path, i), name.Value, service.Name, name.Value, hints.For(name.Value, defined)));
                    }
                }

                break;
            case ComposeMapping map:
                foreach (var entry in map.Entries)
                {
                    if (!defined.Contains(entry.Key.Value))
                    {
                        sink.Add(context.At(DiagnosticCatalog.UndefinedNetwork, entry.Key, NodePath.Child(path, entry.Key.Value), entry.Key.Value, service.Name, entry.Key.Value, hints.For(entry.Key.Value, defined)));
                    }
                }

                break;
        }
    }

    private static void CheckVolumes(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service, HashSet<string> defined, Hints hints)
    {
        if (service.Resolved["volumes"] is not ComposeSequence list)
        {
            return;
        }

        for (var i = 0; i < list.Items.Length; i++)
        {
            var (source, node) = VolumeSource(list.Items[i]);
            if (source is not null && IsNamedVolume(source) && !defined.Contains(source))
            {
                sink.Add(context.At(DiagnosticCatalog.UndefinedVolume, node, NodePath.Item(service.Path + ".volumes", i), source, service.Name, source, hints.For(source, defined)));
            }
        }
    }

    /// <summary>The source of a volume mount when it is a named volume (short syntax, or long syntax with type volume).</summary>
    private static (string? Source, ComposeNode? Node) VolumeSource(ComposeNode item)
    {
        switch (item)
        {
            case ComposeScalar { Type: not ScalarType.Null } scalar:
                var colon = scalar.Value.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 ? (scalar.Value[..colon], scalar) : (null, null);
            case ComposeMapping mapping when mapping["type"] is ComposeScalar { Value: "volume" }:
                return mapping.Find("source") is { Value: ComposeScalar source } entry ? (source.Value, entry.Value) : (null, null);
            default:
                return (null, null);
        }
    }

    /// <summary>Compose treats a source as a path when it starts with '.', '/', '~' or a drive letter, otherwise as a volume name.</summary>
    internal static bool IsNamedVolume(string source) =>
        source.Length > 0
        && source[0] is not ('.' or '/' or '~' or '$' or '\\')
        && !(source.Length >= 2 && char.IsAsciiLetter(source[0]) && source[1] == ':');

    private static void CheckFiles(ValidationContext context, ICollection<Diagnostic> sink, KcmServiceView service, string key, HashSet<string> defined, DiagnosticDescriptor descriptor, Hints hints)
    {
        if (service.Resolved[key] is not ComposeSequence list)
        {
            return;
        }

        for (var i = 0; i < list.Items.Length; i++)
        {
            var node = list.Items[i] switch
            {
                ComposeScalar { Type: not ScalarType.Null } s => s,
                ComposeMapping m => m["source"] as ComposeScalar,
                _ => null,
            };
            if (node is not null && !defined.Contains(node.Value))
            {
                sink.Add(context.At(descriptor, node, NodePath.Item($"{service.Path}.{key}", i), node.Value, service.Name, node.Value, hints.For(node.Value, defined)));
            }
        }
    }

    /// <summary>
    /// The did-you-mean of one run. Each compares the name with every defined one, so only the first
    /// <see cref="MaxSuggestions"/> unknown names get one: a hostile file with thousands of unknown references and
    /// definitions stays linear.
    /// </summary>
    internal sealed class Hints
    {
        internal const int MaxSuggestions = 100;

        private int _left = MaxSuggestions;

        /// <summary>" (did you mean 'x'?)" when a defined name is a likely typo away, else nothing.</summary>
        public string For(string name, IEnumerable<string> defined) =>
            _left-- > 0 && EditDistance.Suggest(name, defined) is { } close && close != name ? $" (did you mean '{close}'?)" : string.Empty;
    }
}
