using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>A <see cref="KcmStack"/> or <see cref="KcmStackBuilder"/> holds values that cannot be written; <see cref="Problems"/> lists them all.</summary>
public sealed class KcmStackException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>, each with a code of the diagnostic catalog.</summary>
    public KcmStackException(ImmutableArray<ComposeProblem> problems)
        : base(problems.IsDefaultOrEmpty ? "The KCM stack is invalid." : string.Join(" ", problems.Select(p => $"{p.Code}: {p.Message}"))) =>
        Problems = problems.IsDefault ? ImmutableArray<ComposeProblem>.Empty : problems;

    /// <summary>Creates the exception with no detail.</summary>
    public KcmStackException()
        : this(ImmutableArray<ComposeProblem>.Empty)
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    public KcmStackException(string message)
        : this([KcmStackValidator.Invalid(message)])
    {
    }

    /// <summary>Creates the exception with one message and its cause.</summary>
    public KcmStackException(string message, Exception innerException)
        : base(message, innerException) => Problems = [KcmStackValidator.Invalid(message)];

    /// <summary>Each problem, with its code (<c>kcm-invalid</c>, or the contract's own such as <c>verify-without-ca</c>) and one sentence.</summary>
    public ImmutableArray<ComposeProblem> Problems { get; }
}
