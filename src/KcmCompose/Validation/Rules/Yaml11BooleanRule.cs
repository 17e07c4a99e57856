using KcmCompose.Compose;

namespace KcmCompose.Validation.Rules;

/// <summary>
/// <c>yaml11-boolean</c>: an unquoted y/n/yes/no/on/off/true/false where Compose expects text (environment,
/// labels, build args, string settings such as <c>restart</c>). YAML 1.2 readers (Compose v2) keep most of these
/// as text, YAML 1.1 readers (docker-compose v1, PyYAML, many linters) turn them into booleans.
/// </summary>
internal sealed class Yaml11BooleanRule : IValidationRule
{
    private static readonly Dictionary<string, bool> _booleans = new(StringComparer.Ordinal)
    {
        ["y"] = true, ["Y"] = true, ["yes"] = true, ["Yes"] = true, ["YES"] = true,
        ["n"] = false, ["N"] = false, ["no"] = false, ["No"] = false, ["NO"] = false,
        ["on"] = true, ["On"] = true, ["ON"] = true, ["off"] = false, ["Off"] = false, ["OFF"] = false,
        ["true"] = true, ["True"] = true, ["TRUE"] = true, ["false"] = false, ["False"] = false, ["FALSE"] = false,
    };

    /// <summary>Service keys whose values are free-form text maps.</summary>
    private static readonly string[] _textMaps = ["environment", "labels", "annotations", "sysctls"];

    /// <summary>Service keys that take a boolean; an unquoted boolean there is what the author meant.</summary>
    private static readonly HashSet<string> _booleanKeys = new(
        ["attach", "init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty", "use_api_socket"],
        StringComparer.Ordinal);

    public static bool TryRead(string text, out bool value) => _booleans.TryGetValue(text, out value);

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        foreach (var service in context.Services)
        {
            foreach (var entry in service.Raw.Entries)
            {
                var key = entry.Key.Value;
                var path = NodePath.Child(service.Path, key);
                if (entry.Value is ComposeScalar scalar
                    && ComposeSchema.Service.Keys.TryGetValue(key, out var spec)
                    && spec.Shape == NodeShape.Scalar
                    && !_booleanKeys.Contains(key))
                {
                    Report(context, sink, scalar, path);
                }
                else if (_textMaps.Contains(key) && entry.Value is ComposeMapping map)
                {
                    ReportValues(context, sink, map, path);
                }
                else if (key == "build" && entry.Value is ComposeMapping build)
                {
                    foreach (var nested in new[] { "args", "labels" })
                    {
                        if (build[nested] is ComposeMapping args)
                        {
                            ReportValues(context, sink, args, NodePath.Child(path, nested));
                        }
                    }
                }
            }
        }
    }

    private static void ReportValues(ValidationContext context, ICollection<Diagnostic> sink, ComposeMapping map, string path)
    {
        foreach (var entry in map.Entries)
        {
            if (entry.Value is ComposeScalar scalar)
            {
                Report(context, sink, scalar, NodePath.Child(path, entry.Key.Value));
            }
        }
    }

    private static void Report(ValidationContext context, ICollection<Diagnostic> sink, ComposeScalar scalar, string path)
    {
        if (scalar.Style == ScalarStyle.Plain && _booleans.TryGetValue(scalar.Value, out var meaning))
        {
            sink.Add(context.At(DiagnosticCatalog.Yaml11Boolean, scalar, path, scalar.Value, scalar.Value, meaning ? "true" : "false"));
        }
    }
}
