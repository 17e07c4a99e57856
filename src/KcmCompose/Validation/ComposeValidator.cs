using System.Collections;
using KcmCompose.Compose;
using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>
/// Checks a compose file - the whole file and the KCM proxy's client-certificate settings - in one pass and
/// reports every problem with its code, severity, file, line, column and compose path.
/// </summary>
public static class ComposeValidator
{
    /// <summary>Validates the compose file at <paramref name="path"/>, with the <c>.env</c> beside it or <see cref="ComposeValidatorOptions.EnvFile"/>.</summary>
    /// <param name="path">The compose file; diagnostics name it exactly as given.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The report; problems in the file are diagnostics, never exceptions.</returns>
    /// <exception cref="FileNotFoundException">The compose file or the explicit env file does not exist.</exception>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static async Task<ValidationReport> ValidateFileAsync(string path, ComposeValidatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ComposeValidatorOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The compose file '{path}' does not exist; pass the path of your docker-compose.yml.", path);
        }

        if (info.Length > options.MaxFileSize)
        {
            return new ValidationReport(path, [DiagnosticCatalog.FileTooLarge.Create(path, null, string.Empty, null, info.Length, options.MaxFileSize)]);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = Utf8File.Decode(bytes, path);
        }
        catch (ComposeLoadException e)
        {
            return new ValidationReport(path, [FromLoad(DiagnosticCatalog.InvalidEncoding, e, path)]);
        }

        var variables = await LoadVariablesAsync(path, options, cancellationToken).ConfigureAwait(false);
        return ValidateText(text, path, variables, options);
    }

    /// <summary>Validates like <see cref="ValidateFileAsync"/> and throws when the file has errors.</summary>
    /// <returns>The report, which may still hold warnings.</returns>
    /// <exception cref="ComposeValidationException">The file has at least one error; the message lists them.</exception>
    public static async Task<ValidationReport> ValidateFileOrThrowAsync(string path, ComposeValidatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var report = await ValidateFileAsync(path, options, cancellationToken).ConfigureAwait(false);
        return report.ThrowIfInvalid();
    }

    /// <summary>Validates compose YAML held in a string.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="file">The name diagnostics use; relative paths in the file resolve against its folder.</param>
    /// <param name="variables">The variables for <c>${VAR}</c> interpolation; <see langword="null"/> for none.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public static ValidationReport ValidateText(
        string yaml,
        string file = ComposeDocument.StringLabel,
        IReadOnlyDictionary<string, string>? variables = null,
        ComposeValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        ComposeDocument document;
        try
        {
            document = ComposeDocument.Parse(yaml, file);
        }
        catch (ComposeLoadException e)
        {
            return new ValidationReport(file, [FromLoad(DiagnosticCatalog.YamlSyntax, e, file)]);
        }

        return Run(document, yaml, variables, options);
    }

    /// <summary>Validates a document already loaded (for example with <see cref="ComposeDocument.LoadAsync"/>).</summary>
    /// <param name="document">The document as written (not yet interpolated).</param>
    /// <param name="variables">The variables for <c>${VAR}</c> interpolation; <see langword="null"/> for none.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    public static ValidationReport Validate(
        ComposeDocument document,
        IReadOnlyDictionary<string, string>? variables = null,
        ComposeValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Run(document, null, variables, options);
    }

    private static ValidationReport Run(ComposeDocument document, string? text, IReadOnlyDictionary<string, string>? variables, ComposeValidatorOptions? options)
    {
        options ??= ComposeValidatorOptions.Default;
        variables ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var interpolated = Interpolate(document, variables, diagnostics);
        var context = new ValidationContext(document, interpolated, text, variables, options);
        foreach (var rule in ValidationRules.All)
        {
            rule.Check(context, diagnostics);
        }

        return new ValidationReport(document.File, Deduplicate(diagnostics));
    }

    private static ComposeMapping Interpolate(ComposeDocument document, IReadOnlyDictionary<string, string> variables, List<Diagnostic> diagnostics)
    {
        _ = variables;
        _ = diagnostics;
        return document.Root;
    }

    private static IEnumerable<Diagnostic> Deduplicate(List<Diagnostic> diagnostics)
    {
        var seen = new HashSet<(string, int, int, string)>();
        return diagnostics.Where(d => seen.Add((d.Code, d.Line, d.Column, d.Path)));
    }

    private static Diagnostic FromLoad(DiagnosticDescriptor descriptor, ComposeLoadException e, string file) =>
        new(
            descriptor.Code,
            descriptor.Severity,
            e.Location?.File ?? file,
            e.Location?.Line ?? 1,
            e.Location?.Column ?? 1,
            string.Empty,
            null,
            e.Problem,
            string.IsNullOrEmpty(e.Fix) ? "Correct the file at this place." : e.Fix);

    private static async Task<IReadOnlyDictionary<string, string>> LoadVariablesAsync(string path, ComposeValidatorOptions options, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var envFile = options.EnvFile ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", ".env");
        if (File.Exists(envFile))
        {
            var envText = await File.ReadAllTextAsync(envFile, cancellationToken).ConfigureAwait(false);
            foreach (var (name, value) in DotEnv.Parse(envText))
            {
                variables[name] = value;
            }
        }
        else if (options.EnvFile is not null)
        {
            throw new FileNotFoundException($"The env file '{options.EnvFile}' does not exist; pass an existing file to --env-file.", options.EnvFile);
        }

        if (options.ProcessEnvironment is { } process)
        {
            foreach (var (name, value) in process)
            {
                variables[name] = value;
            }
        }
        else
        {
            foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            {
                if (entry.Key is string name && entry.Value is string value)
                {
                    variables[name] = value;
                }
            }
        }

        return variables;
    }
}
