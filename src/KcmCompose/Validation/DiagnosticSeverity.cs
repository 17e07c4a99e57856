namespace KcmCompose.Validation;

/// <summary>How serious a <see cref="Diagnostic"/> is; lower values are more serious.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The stack will not start, or will not do what the file says.</summary>
    Error,

    /// <summary>The stack starts but something is probably not what was meant.</summary>
    Warning,

    /// <summary>Worth knowing; nothing needs to change.</summary>
    Info,
}
