using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>What every service of a KCM stack has: its compose name, image, restart policy and the escape hatches.</summary>
public abstract record KcmService
{
    // Compared item by item, so two services with the same entries are equal.
    private readonly EquatableArray<EnvironmentEntry> _extraEnvironment;

    private protected KcmService()
    {
    }

    /// <summary>The key under <c>services:</c>; letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The full image reference, such as <c>keeper/guacd:2</c>.</summary>
    public required string Image { get; init; }

    /// <summary>The restart policy. Defaults to <see cref="RestartPolicy.UnlessStopped"/>.</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.UnlessStopped;

    /// <summary>Environment variables the model does not interpret, written as given; the builder and reader keep them in ordinal name order. Defaults to none.</summary>
    public ImmutableArray<EnvironmentEntry> ExtraEnvironment { get => _extraEnvironment; init => _extraEnvironment = value; }

    /// <summary>Service keys the model does not interpret (<c>networks</c>, <c>healthcheck</c>, <c>x-*</c>, ...), kept verbatim. Defaults to none.</summary>
    public ComposeMapping OtherKeys { get; init; } = ComposeMapping.Empty;
}
