namespace KcmCompose.Compose;

/// <summary>
/// Something wrong or worth a warning in a compose document, found without throwing; the validator turns these
/// into diagnostics. Codes are stable: <c>interpolation-error</c>, <c>required-variable</c>, <c>variable-not-set</c>,
/// <c>invalid-type</c>, <c>invalid-port</c>, <c>invalid-volume</c>, <c>invalid-value</c>, <c>duplicate-entry</c>.
/// </summary>
/// <param name="Code">The stable code.</param>
/// <param name="Location">Where in the file, when known.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.ports[0]</c>.</param>
/// <param name="Value">The offending text, when there is one.</param>
/// <param name="Message">One sentence saying what is wrong.</param>
/// <param name="Fix">One sentence saying how to fix it.</param>
public sealed record ComposeProblem(
    string Code,
    SourceLocation? Location,
    string Path,
    string? Value,
    string Message,
    string Fix)
{
    /// <summary>Formats as <c>file:line:column: code: message fix</c>.</summary>
    public override string ToString() => Location is { } at ? $"{at}: {Code}: {Message} {Fix}" : $"{Path}: {Code}: {Message} {Fix}";
}
