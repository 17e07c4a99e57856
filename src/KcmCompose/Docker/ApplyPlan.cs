using System.Collections.Immutable;

namespace KcmCompose.Docker;

/// <summary>How the running container differs from the file, and the action that resolves it.</summary>
/// <param name="Target">The service.</param>
/// <param name="Container">The container found for it.</param>
/// <param name="Differences">Every difference found, in a stable order.</param>
/// <param name="Action">The least disruptive action that resolves them all.</param>
internal sealed record ApplyPlan(
    ServiceTarget Target,
    ComposeContainer Container,
    ImmutableArray<ConfigurationDifference> Differences,
    ApplyAction Action);
