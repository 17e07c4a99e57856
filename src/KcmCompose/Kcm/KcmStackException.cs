using System.Collections.Immutable;

namespace KcmCompose.Kcm;

/// <summary>A <see cref="KcmStack"/> or <see cref="KcmStackBuilder"/> holds values that cannot be written; <see cref="Errors"/> lists them all.</summary>
public sealed class KcmStackException : Exception
{
    /// <summary>Creates the exception for <paramref name="errors"/>.</summary>
    public KcmStackException(ImmutableArray<string> errors)
        : base(errors.IsDefaultOrEmpty ? "The KCM stack is invalid." : string.Join(" ", errors)) =>
        Errors = errors.IsDefault ? ImmutableArray<string>.Empty : errors;

    /// <summary>Creates the exception with one message.</summary>
    public KcmStackException()
        : this(ImmutableArray<string>.Empty)
    {
    }

    /// <summary>Creates the exception with one message.</summary>
    public KcmStackException(string message)
        : base(message) => Errors = [message];

    /// <summary>Creates the exception with one message and its cause.</summary>
    public KcmStackException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    /// <summary>Each problem, one sentence each.</summary>
    public ImmutableArray<string> Errors { get; }
}
