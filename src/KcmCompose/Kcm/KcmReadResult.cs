using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>What <see cref="KcmStackReader.Read"/> found: the stack (when the four services could be mapped) and every problem.</summary>
/// <param name="Stack">The stack; <see langword="null"/> when a KCM service is missing or a required value unreadable.</param>
/// <param name="Problems">Every problem, in file order of discovery; empty when the file maps cleanly.</param>
public sealed record KcmReadResult(KcmStack? Stack, ImmutableArray<ComposeProblem> Problems)
{
    /// <summary>Whether a stack was read (it may still have <see cref="Problems"/>).</summary>
    public bool HasStack => Stack is not null;

    /// <summary>Whether a stack was read with no problem at all.</summary>
    public bool IsClean => Stack is not null && Problems.IsEmpty;
}
