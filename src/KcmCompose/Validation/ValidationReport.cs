using System.Collections.Immutable;

namespace KcmCompose.Validation;

/// <summary>The outcome of validating one compose file: every diagnostic found, in file order.</summary>
public sealed class ValidationReport
{
    /// <summary>Creates a report; the diagnostics are sorted by line, column and code.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="diagnostics">The diagnostics in any order.</param>
    public ValidationReport(string file, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(diagnostics);
        File = file;
        Diagnostics = [.. diagnostics
            .OrderBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ThenBy(d => d.Severity)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Path, StringComparer.Ordinal)];
    }

    /// <summary>The validated file as the user named it.</summary>
    public string File { get; }

    /// <summary>Every diagnostic, sorted by line, column and code.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary><see langword="true"/> when there is no <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>The number of errors.</summary>
    public int ErrorCount => Count(DiagnosticSeverity.Error);

    /// <summary>The number of warnings.</summary>
    public int WarningCount => Count(DiagnosticSeverity.Warning);

    /// <summary>The number of informational diagnostics.</summary>
    public int InfoCount => Count(DiagnosticSeverity.Info);

    /// <summary><see langword="true"/> when some diagnostic is at least as serious as <paramref name="severity"/>.</summary>
    public bool HasAtLeast(DiagnosticSeverity severity) => Diagnostics.Any(d => d.Severity <= severity);

    /// <summary>Throws <see cref="ComposeValidationException"/> when the report holds an error.</summary>
    /// <returns>This report, for chaining.</returns>
    public ValidationReport ThrowIfInvalid() => IsValid ? this : throw new ComposeValidationException(this);

    private int Count(DiagnosticSeverity severity) => Diagnostics.Count(d => d.Severity == severity);
}
