using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>
/// One row of the message table: a code, its severity and its message and fix templates
/// (composite format strings, formatted with the invariant culture).
/// </summary>
/// <param name="Code">The stable code, lower-case words joined by dashes.</param>
/// <param name="Severity">The severity every diagnostic with this code has.</param>
/// <param name="Title">A short description of the rule (SARIF <c>shortDescription</c>, docs).</param>
/// <param name="MessageFormat">One sentence saying what is wrong; may use <c>{0}</c>, <c>{1}</c>...</param>
/// <param name="FixFormat">One sentence saying how to fix it; same arguments as <paramref name="MessageFormat"/>.</param>
internal sealed record DiagnosticDescriptor(
    string Code,
    DiagnosticSeverity Severity,
    string Title,
    string MessageFormat,
    string FixFormat)
{
    /// <summary>Builds a diagnostic at <paramref name="location"/>, or at 1:1 of <paramref name="file"/> when there is none.</summary>
    public Diagnostic Create(string file, SourceLocation? location, string path, string? value, params object?[] args) =>
        new(
            Code,
            Severity,
            location?.File ?? file,
            location?.Line ?? 1,
            location?.Column ?? 1,
            path,
            value,
            Format(MessageFormat, args),
            Format(FixFormat, args));

    private static string Format(string template, object?[] args) =>
        args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
}
