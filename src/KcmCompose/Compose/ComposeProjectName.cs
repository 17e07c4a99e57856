using System.Text;

namespace KcmCompose.Compose;

/// <summary>The Compose project name, derived as <c>docker compose</c> does.</summary>
internal static class ComposeProjectName
{
    /// <summary>
    /// The first of: <paramref name="explicitName"/> (<c>-p</c>), <c>COMPOSE_PROJECT_NAME</c> from
    /// <paramref name="environment"/> (the process environment when <see langword="null"/>), the file's top-level
    /// <c>name:</c>, the name of the folder holding <paramref name="composeFilePath"/>; normalised by <see cref="Normalize"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Every candidate normalises to an empty name.</exception>
    public static string Resolve(
        string composeFilePath,
        string? explicitName = null,
        string? topLevelName = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(composeFilePath);
        var fromEnvironment = environment is null
            ? Environment.GetEnvironmentVariable("COMPOSE_PROJECT_NAME")
            : environment.TryGetValue("COMPOSE_PROJECT_NAME", out var value) ? value : null;
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(composeFilePath)));
        foreach (var candidate in new[] { explicitName, fromEnvironment, topLevelName, folder })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                var normalized = Normalize(candidate);
                if (normalized.Length > 0)
                {
                    return normalized;
                }
            }
        }

        throw new ArgumentException(
            $"No usable Compose project name for {composeFilePath}: give one with --project or COMPOSE_PROJECT_NAME.",
            nameof(composeFilePath));
    }

    /// <summary>Lower case, only <c>a-z 0-9 _ -</c> kept, leading <c>_</c> and <c>-</c> dropped.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimStart('_', '-');
    }
}
