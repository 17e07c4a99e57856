using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>
/// A service's <c>configs</c> and <c>secrets</c> as mounts, so a container path resolves through them like through
/// <c>volumes</c>: a top-level entry with <c>file:</c> is a read-only file from the host (checked like a bind-mounted
/// one); an <c>external</c>, <c>content</c> or <c>environment</c> entry is a named object whose content the file does
/// not show. Default targets follow Swarm: <c>/NAME</c> for a config, <c>/run/secrets/NAME</c> for a secret; a
/// relative secret target is under <c>/run/secrets</c>.
/// </summary>
internal static class SwarmMounts
{
    public static ImmutableArray<MountEntry> Of(ValidationContext context, ComposeService service) =>
    [
        .. Entries(context, service.Configs, "configs", name => "/" + name, target => target.StartsWith('/') ? target : "/" + target),
        .. Entries(context, service.Secrets, "secrets", name => "/run/secrets/" + name, target => target.StartsWith('/') ? target : "/run/secrets/" + target),
    ];

    /// <summary>Where the top-level definition <paramref name="section"/>.<paramref name="key"/> takes its content from; <see langword="null"/> when undefined.</summary>
    public static ComposeMapping? Definition(ValidationContext context, string section, string key) =>
        (context.InterpolatedRoot[section] as ComposeMapping)?[key] as ComposeMapping;

    private static IEnumerable<MountEntry> Entries(
        ValidationContext context,
        ImmutableArray<ServiceFileReference> references,
        string section,
        Func<string, string> defaultTarget,
        Func<string, string> target)
    {
        foreach (var reference in references)
        {
            if (Definition(context, section, reference.Source) is not { } definition)
            {
                continue; // undefined-config / undefined-secret
            }

            var path = string.IsNullOrEmpty(reference.Target) ? defaultTarget(reference.Source) : target(reference.Target);
            if (definition.Find("file") is { Value: ComposeScalar { Type: not ScalarType.Null } file } entry)
            {
                yield return new MountEntry(MountKind.Bind, file.Value, path, ReadOnly: true, entry.Value.Location, $"{section}.{reference.Source}.file");
            }
            else
            {
                var name = (definition["name"] as ComposeScalar)?.Value ?? reference.Source;
                yield return new MountEntry(MountKind.Volume, name, path, ReadOnly: true, reference.Location, reference.Path);
            }
        }
    }
}
