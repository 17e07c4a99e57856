namespace KcmCompose.Validation;

/// <summary>Thrown by <see cref="ValidationReport.ThrowIfInvalid"/>; the message lists every error as <c>file:line:column</c>.</summary>
public sealed class ComposeValidationException : Exception
{
    /// <summary>Creates the exception for an invalid report.</summary>
    /// <param name="report">The report holding at least one error.</param>
    public ComposeValidationException(ValidationReport report)
        : base(Describe(report))
    {
        Report = report;
    }

    /// <summary>Creates the exception for a report that blocks an operation, with the message that says why.</summary>
    internal ComposeValidationException(ValidationReport report, string message)
        : base(message)
    {
        Report = report;
    }

    /// <summary>The report, with every diagnostic including warnings.</summary>
    public ValidationReport Report { get; }

    private static string Describe(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var errors = report.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var head = $"{report.File} is not valid: {errors.Count} error(s).";
        return string.Join(Environment.NewLine, errors.Select(e => e.ToString()).Prepend(head));
    }
}
