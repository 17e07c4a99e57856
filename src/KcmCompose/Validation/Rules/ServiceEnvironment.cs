using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>Reads a service's environment: env_file entries first, then <c>environment</c> (which wins).</summary>
internal static class ServiceEnvironment
{
    public static Dictionary<string, EnvVar> Read(ValidationContext context, ServiceNode service)
    {
        var result = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var (file, node) in EnvFiles(service))
        {
            var full = Path.Combine(context.Folder, file);
            if (!File.Exists(full))
            {
                continue;
            }

            foreach (var (name, value) in DotEnv.Parse(SafeRead(full)))
            {
                result[name] = new EnvVar(name, node, null, 0, value, service.Path + ".env_file");
            }
        }

        var path = service.Path + ".environment";
        switch (service.Raw["environment"])
        {
            case ComposeMapping raw:
                var resolvedMap = service.Resolved["environment"] as ComposeMapping;
                foreach (var entry in raw.Entries)
                {
                    var resolved = resolvedMap?[entry.Key.Value] as ComposeScalar;
                    var rawValue = entry.Value as ComposeScalar;
                    var value = resolved is null or { Type: ScalarType.Null } ? null : resolved.Value;
                    result[entry.Key.Value] = new EnvVar(
                        entry.Key.Value, entry.Key, rawValue is { Type: ScalarType.Null } ? null : rawValue, 0, value,
                        NodePath.Child(path, entry.Key.Value));
                }

                break;
            case ComposeSequence raw:
                var resolvedList = service.Resolved["environment"] as ComposeSequence;
                for (var i = 0; i < raw.Items.Length; i++)
                {
                    if (raw.Items[i] is not ComposeScalar { Type: not ScalarType.Null } item)
                    {
                        continue;
                    }

                    var equals = item.Value.IndexOf('=', StringComparison.Ordinal);
                    var name = equals < 0 ? item.Value : item.Value[..equals];
                    string? value = null;
                    if (equals >= 0)
                    {
                        var resolvedText = resolvedList is { } l && i < l.Items.Length && l.Items[i] is ComposeScalar r ? r.Value : item.Value;
                        var resolvedEquals = resolvedText.IndexOf('=', StringComparison.Ordinal);
                        value = resolvedEquals < 0 ? string.Empty : resolvedText[(resolvedEquals + 1)..];
                    }

                    result[name] = new EnvVar(name, item, equals < 0 ? null : item, equals + 1, value, NodePath.Child(path, name));
                }

                break;
        }

        return result;
    }

    private static IEnumerable<(string File, ComposeScalar Node)> EnvFiles(ServiceNode service)
    {
        switch (service.Resolved["env_file"])
        {
            case ComposeScalar { Type: not ScalarType.Null } single:
                yield return (single.Value, single);
                break;
            case ComposeSequence list:
                foreach (var item in list.Items)
                {
                    if (item is ComposeScalar { Type: not ScalarType.Null } s)
                    {
                        yield return (s.Value, s);
                    }
                    else if (item is ComposeMapping { } m && m["path"] is ComposeScalar p)
                    {
                        yield return (p.Value, p);
                    }
                }

                break;
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return KcmCompose.IO.InputFile.ReadAllText(path, KcmCompose.IO.InputFileKind.Env);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
