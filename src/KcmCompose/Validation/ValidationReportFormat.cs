namespace KcmCompose.Validation;

/// <summary>The formats <see cref="ValidationReportWriter"/> can write.</summary>
public enum ValidationReportFormat
{
    /// <summary><c>file:line:column: severity code: message</c> lines, each with its fix indented below, then a summary.</summary>
    Text,

    /// <summary>A JSON object with the file, the diagnostics and a summary of counts.</summary>
    Json,

    /// <summary>SARIF 2.1.0, as GitHub code scanning and other CI annotation tools read it.</summary>
    Sarif,
}
