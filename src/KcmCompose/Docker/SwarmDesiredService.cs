using System.Collections.Immutable;
using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Docker;

/// <summary>What the stack file asks of one Swarm service: its environment and the configs and secrets it mounts.</summary>
/// <param name="Stack">The stack name (<c>docker stack deploy ... STACK</c>).</param>
/// <param name="Service">The service name under <c>services:</c>; Swarm calls it <c>STACK_SERVICE</c>.</param>
/// <param name="Environment">The environment the file gives the service.</param>
/// <param name="Files">The configs and secrets the file gives the service, external ones left out.</param>
internal sealed record SwarmDesiredService(string Stack, string Service, ImmutableDictionary<string, string> Environment, ImmutableArray<SwarmFile> Files)
{
    /// <summary>The Swarm service name.</summary>
    public string SwarmName => SwarmObjectNames.Scoped(Stack, Service);

    /// <summary>Reads the desired state of the definition's service, reading every referenced file's content.</summary>
    /// <exception cref="ComposeLoadException">A reference names no top-level entry, or its file cannot be read.</exception>
    public static SwarmDesiredService Read(ComposeServiceDefinition definition, string stack)
    {
        var service = definition.Service ?? throw new InvalidOperationException("The definition was not read from a project.");
        var files = ImmutableArray.CreateBuilder<SwarmFile>();
        foreach (var (kind, references, section, defaultFolder) in new[]
        {
            (SwarmFileKind.Config, service.Configs, "configs", "/"),
            (SwarmFileKind.Secret, service.Secrets, "secrets", "/run/secrets/"),
        })
        {
            foreach (var reference in references)
            {
                var top = definition.Resolved?[section] is ComposeMapping all ? all[reference.Source] as ComposeMapping : null;
                if (top is null)
                {
                    throw new ComposeLoadException(
                        $"{reference.Path}: the service uses {section[..^1]} '{reference.Source}', which is not declared under the top-level '{section}:'.",
                        reference.Location,
                        $"Declare it: {section}: {{ {reference.Source}: {{ file: ./path }} }}.");
                }

                if (top["external"] is ComposeScalar { Value: "true" } || top["file"] is not ComposeScalar { Type: not ScalarType.Null } file)
                {
                    continue; // external, or from the environment/driver: not ours to version
                }

                var path = Path.GetFullPath(file.Value, definition.Folder);
                byte[] content;
                try
                {
                    content = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new ComposeLoadException(
                        $"{section}.{reference.Source}.file: cannot read {path}: {e.Message}", file.Location, "Create the file or correct the path; nothing was changed.", e);
                }

                files.Add(new SwarmFile(
                    kind,
                    reference.Source,
                    reference.Target is { Length: > 0 } target ? (target.StartsWith('/') ? target : defaultFolder + target) : defaultFolder + reference.Source,
                    content,
                    SwarmObjectNames.Prefix(stack, reference.Source, (top["name"] as ComposeScalar)?.Value))
                {
                    Uid = reference.Uid ?? "0",
                    Gid = reference.Gid ?? "0",
                    Mode = ParseMode(reference.Mode),
                });
            }
        }

        return new SwarmDesiredService(stack, service.Name, definition.Desired.Environment, files.ToImmutable());
    }

    private static uint ParseMode(string? mode)
    {
        if (string.IsNullOrEmpty(mode))
        {
            return 292;
        }

        var octal = mode.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? mode[2..] : mode.StartsWith('0') ? mode : null;
        return octal is not null
            ? Convert.ToUInt32(octal, 8)
            : uint.Parse(mode, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
