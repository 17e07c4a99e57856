using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace KcmCompose.Validation;

/// <summary>Writes a <see cref="ValidationReport"/> as text, JSON or SARIF 2.1.0.</summary>
public static class ValidationReportWriter
{
    // Made on use, not in the type initializer: text output then never loads System.Text.Json (start-up of `validate`).
    private static JsonWriterOptions Indented => new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Formats <paramref name="report"/> in <paramref name="format"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <param name="tool">For SARIF: the tool description; <see langword="null"/> for the defaults.</param>
    public static string Format(ValidationReport report, ValidationReportFormat format, SarifTool? tool = null) => format switch
    {
        ValidationReportFormat.Json => ToJson(report),
        ValidationReportFormat.Sarif => ToSarif(report, tool),
        _ => ToText(report),
    };

    /// <summary>One <c>file:line:column: severity code: message</c> line per diagnostic, the fix indented below, then a summary line.</summary>
    public static string ToText(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var diagnostic in report.Diagnostics)
        {
            text.Append(diagnostic).Append('\n');
            text.Append("    fix: ").Append(diagnostic.Fix).Append('\n');
        }

        text.Append(Summary(report)).Append('\n');
        return text.ToString();
    }

    /// <summary>The summary line, such as <c>docker-compose.yml: 2 errors, 1 warning, 0 infos</c>.</summary>
    public static string Summary(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{report.File}: {Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}, {Count(report.InfoCount, "info")}");
    }

    /// <summary>
    /// <c>{"file", "diagnostics": [{"code", "severity", "message", "fix", "file", "line", "column", "path"}], "summary": {"errors", "warnings", "infos"}}</c>.
    /// </summary>
    public static string ToJson(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("file", report.File);
            json.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("code", d.Code);
                json.WriteString("severity", SeverityName(d.Severity));
                json.WriteString("message", d.Message);
                json.WriteString("fix", d.Fix);
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("path", d.Path);
                if (d.Value is not null)
                {
                    json.WriteString("value", d.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("errors", report.ErrorCount);
            json.WriteNumber("warnings", report.WarningCount);
            json.WriteNumber("infos", report.InfoCount);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A SARIF 2.1.0 log with one run: every rule of the catalog and one result per diagnostic.</summary>
    public static string ToSarif(ValidationReport report, SarifTool? tool = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        tool ??= new SarifTool();
        var rules = DiagnosticCatalog.All.Values.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((d, i) => (d.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var baseDirectory = Path.GetFullPath(tool.BaseDirectory ?? Directory.GetCurrentDirectory());
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Indented))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", tool.Name);
            json.WriteString("version", tool.Version);
            json.WriteString("semanticVersion", tool.Version);
            json.WriteString("informationUri", tool.InformationUri.ToString());
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString("id", rule.Code);
                json.WriteString("name", RuleName(rule.Code));
                json.WriteStartObject("shortDescription");
                json.WriteString("text", rule.Title);
                json.WriteEndObject();
                json.WriteStartObject("help");
                json.WriteString("text", rule.Title + " See docs/validation.md#" + rule.Code + ".");
                json.WriteEndObject();
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", SarifLevel(rule.Severity));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var d in report.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", d.Code);
                if (ruleIndex.TryGetValue(d.Code, out var index))
                {
                    json.WriteNumber("ruleIndex", index);
                }

                json.WriteString("level", SarifLevel(d.Severity));
                json.WriteStartObject("message");
                json.WriteString("text", d.Message + " Fix: " + d.Fix);
                json.WriteEndObject();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", ArtifactUri(d.File, baseDirectory));
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", Math.Max(1, d.Line));
                json.WriteNumber("startColumn", Math.Max(1, d.Column));
                json.WriteEndObject();
                json.WriteEndObject();
                if (d.Path.Length > 0)
                {
                    json.WriteStartArray("logicalLocations");
                    json.WriteStartObject();
                    json.WriteString("fullyQualifiedName", d.Path);
                    json.WriteEndObject();
                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The lower-case name of a severity, as the text and JSON formats write it.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    private static string SarifLevel(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static string RuleName(string code) =>
        string.Concat(code.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>The file relative to the base folder with forward slashes, as code scanning expects.</summary>
    private static string ArtifactUri(string file, string baseDirectory)
    {
        if (file.StartsWith('<'))
        {
            return file;
        }

        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(file)).Replace('\\', '/');
        return Uri.EscapeDataString(relative).Replace("%2F", "/", StringComparison.Ordinal);
    }

    private static string Count(int n, string noun) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
}
