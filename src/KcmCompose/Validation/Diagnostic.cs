using System.Globalization;

namespace KcmCompose.Validation;

/// <summary>One problem found in a compose file.</summary>
/// <param name="Code">The stable code, such as <c>verify-without-ca</c>; documented in docs/validation.md.</param>
/// <param name="Severity">How serious the problem is.</param>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.environment.SSL_VERIFY_DEPTH</c>; empty for the whole file.</param>
/// <param name="Value">The offending value, when there is one.</param>
/// <param name="Message">One sentence saying what is wrong.</param>
/// <param name="Fix">One sentence saying how to fix it.</param>
public sealed record Diagnostic(
    string Code,
    DiagnosticSeverity Severity,
    string File,
    int Line,
    int Column,
    string Path,
    string? Value,
    string Message,
    string Fix)
{
    /// <summary>Formats as <c>file:line:column: severity code: message</c>, the form editors and CI annotations understand.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{File}:{Line}:{Column}: {Severity.ToString().ToLowerInvariant()} {Code}: {Message}");
}
