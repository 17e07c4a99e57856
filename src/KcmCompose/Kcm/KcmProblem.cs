using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>Something <see cref="KcmStackReader"/> could not map, or mapped with a caveat.</summary>
/// <param name="Code">A stable code such as <c>kcm-service-missing</c>.</param>
/// <param name="Location">Where in the file; <see langword="null"/> for documents built in code.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.environment.SSL_VERIFY_DEPTH</c>.</param>
/// <param name="Value">The offending value, if any.</param>
/// <param name="Message">What is wrong, one sentence.</param>
/// <param name="Fix">How to fix it, one sentence.</param>
public sealed record KcmProblem(string Code, SourceLocation? Location, string Path, string? Value, string Message, string Fix)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{(Location is { } l ? l + ": " : string.Empty)}{Code}: {Message} {Fix}";
}
