using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>The outcome of <see cref="ComposeInterpolator.Interpolate"/>.</summary>
/// <param name="Document">
/// The document with every string value interpolated; a value with an <c>interpolation-error</c> or
/// <c>required-variable</c> problem is left as written.
/// </param>
/// <param name="Problems">Errors (<c>interpolation-error</c>, <c>required-variable</c>) and warnings (<c>variable-not-set</c>), in document order.</param>
/// <param name="UnsetVariables">The names used as <c>$V</c> or <c>${V}</c> that were not set, each once, in order of first use.</param>
public sealed record InterpolationResult(
    ComposeDocument Document,
    ImmutableArray<ComposeProblem> Problems,
    ImmutableArray<string> UnsetVariables)
{
    /// <summary>Whether Compose would accept the document: no problem other than <c>variable-not-set</c>.</summary>
    public bool Succeeded => Problems.All(p => p.Code == ComposeProblemCodes.VariableNotSet);
}
