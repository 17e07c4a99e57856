using System.Collections.Immutable;

namespace KcmCompose.Docker;

/// <summary>What an update did.</summary>
/// <param name="Target">The service.</param>
/// <param name="Action">The action taken (or, for a dry run, the one that would be).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ContainerId">The id of the container that now serves the service.</param>
/// <param name="Message">One line for the user.</param>
public sealed record UpdateResult(ServiceTarget Target, ApplyAction Action, UpdateOutcome Outcome, string ContainerId, string Message)
{
    /// <summary>The differences found, when the file was compared.</summary>
    public ImmutableArray<ConfigurationDifference> Differences { get; init; } = [];

    /// <summary>The last log lines of the container that failed, oldest first.</summary>
    public ImmutableArray<string> FailureLogs { get; init; } = [];

    /// <summary>Whether the service is now as asked (nothing to do, planned, reloaded, restarted or recreated).</summary>
    public bool Succeeded => Outcome is not (UpdateOutcome.RolledBack or UpdateOutcome.Failed);
}
