using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// One service as the rules see it: its key, the mapping as written (raw text, styles) and the same mapping
/// after interpolation (values Compose will use); both carry the original locations.
/// </summary>
internal sealed record ServiceNode(string Name, ComposeScalar Key, ComposeMapping Raw, ComposeMapping Resolved)
{
    public string Path => "services." + Name;

    /// <summary>The resolved scalar text under <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? Text(string key) => Resolved[key] is ComposeScalar { Type: not ScalarType.Null } s ? s.Value : null;

    public static IReadOnlyList<ServiceNode> All(ValidationContext context)
    {
        if (context.Root["services"] is not ComposeMapping raw)
        {
            return [];
        }

        var resolved = context.InterpolatedRoot["services"] as ComposeMapping;
        var list = new List<ServiceNode>(raw.Entries.Length);
        foreach (var entry in raw.Entries)
        {
            if (entry.Value is ComposeMapping service)
            {
                var resolvedService = resolved?[entry.Key.Value] as ComposeMapping ?? service;
                list.Add(new ServiceNode(entry.Key.Value, entry.Key, service, resolvedService));
            }
        }

        return list;
    }
}
