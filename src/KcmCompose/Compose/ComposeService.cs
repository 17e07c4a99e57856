using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// A read-only, normalised view of one entry under <c>services:</c>: short and long syntax read into the same
/// records, each with its location and compose path. <see cref="Node"/> keeps everything else verbatim.
/// </summary>
/// <param name="Name">The service name (its key).</param>
/// <param name="Location">Where the service key is.</param>
/// <param name="Node">The raw mapping.</param>
internal sealed record ComposeService(string Name, SourceLocation? Location, ComposeMapping Node)
{
    /// <summary>The compose path, <c>services.NAME</c>.</summary>
    public string Path => $"services.{Name}";

    /// <summary><c>image</c>, as written.</summary>
    public string? Image { get; init; }

    /// <summary><c>restart</c>, as written (no, always, on-failure[:n], unless-stopped).</summary>
    public string? Restart { get; init; }

    /// <summary><c>container_name</c>, as written.</summary>
    public string? ContainerName { get; init; }

    /// <summary><c>environment</c> in list or mapping form, in order.</summary>
    public ImmutableArray<EnvironmentVariable> Environment { get; init; } = [];

    /// <summary><c>ports</c> in short or long form.</summary>
    public ImmutableArray<PortMapping> Ports { get; init; } = [];

    /// <summary><c>volumes</c> in short or long form.</summary>
    public ImmutableArray<VolumeMount> Volumes { get; init; } = [];

    /// <summary><c>depends_on</c> in list or mapping form.</summary>
    public ImmutableArray<ServiceDependency> DependsOn { get; init; } = [];

    /// <summary><c>env_file</c> as a string, a list, or long entries.</summary>
    public ImmutableArray<EnvFileReference> EnvFiles { get; init; } = [];

    /// <summary>The names under <c>networks</c>, in list or mapping form.</summary>
    public ImmutableArray<string> Networks { get; init; } = [];

    /// <summary><c>secrets</c> in short or long form.</summary>
    public ImmutableArray<ServiceFileReference> Secrets { get; init; } = [];

    /// <summary><c>configs</c> in short or long form.</summary>
    public ImmutableArray<ServiceFileReference> Configs { get; init; } = [];

    /// <summary>The variable named <paramref name="name"/> (the last one when repeated), or <see langword="null"/>.</summary>
    public EnvironmentVariable? FindEnvironment(string name) =>
        Environment.LastOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal));
}
