using System.Collections;
using KcmCompose.Compose;
using KcmCompose.IO;

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
    public static Task<ValidationReport> ValidateFileAsync(string path, ComposeValidatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ValidateFilesAsync([path], options, cancellationToken);
    }

    /// <summary>
    /// Validates compose files merged in order as Compose merges them (<c>-f a.yml -f b.yml</c>), with the
    /// <c>.env</c> beside the first or <see cref="ComposeValidatorOptions.EnvFile"/>; each diagnostic names the file
    /// its node comes from. <see cref="ComposeProject.FindFiles"/> finds the files Compose would read.
    /// </summary>
    /// <param name="paths">The compose files, at least one; diagnostics name them exactly as given.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <returns>The report; problems in the files are diagnostics, never exceptions.</returns>
    /// <exception cref="FileNotFoundException">A compose file or the explicit env file does not exist.</exception>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static async Task<ValidationReport> ValidateFilesAsync(IReadOnlyList<string> paths, ComposeValidatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfZero(paths.Count);
        options ??= ComposeValidatorOptions.Default;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = new List<Diagnostic>();
        foreach (var path in paths)
        {
            var (text, failure) = await ReadAsync(path, options, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                failures.Add(failure);
            }
            else
            {
                texts[path] = text!;
            }
        }

        var first = paths[0];
        if (failures.Count > 0)
        {
            return new ValidationReport(first, failures);
        }

        var (variables, envProblem) = await LoadVariablesAsync(first, options, cancellationToken).ConfigureAwait(false);
        var documents = new List<ComposeDocument>();
        var parseFailures = new List<Diagnostic>();
        foreach (var path in paths)
        {
            var parsed = Parse(texts[path], path);
            if (parsed.Document is { } document)
            {
                documents.Add(document);
            }
            else
            {
                parseFailures.AddRange(parsed.Report!.Diagnostics);
            }
        }

        ValidationReport report;
        if (parseFailures.Count > 0)
        {
            report = new ValidationReport(first, parseFailures);
        }
        else
        {
            var merged = ComposeMerge.Merge(documents);
            var name = ComposeProject.NameOf(Path.GetFullPath(first), options.ProjectName, merged, variables);
            report = Run(merged, texts[first], ComposeProject.WithProjectName(variables, name), options, texts);
        }

        return envProblem is null ? report : new ValidationReport(first, report.Diagnostics.Prepend(envProblem));
    }

    private static async Task<(string? Text, Diagnostic? Failure)> ReadAsync(string path, ComposeValidatorOptions options, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"The compose file '{path}' does not exist; pass the path of your docker-compose.yml.", path);
        }

        if (info.Exists && info.Length > options.MaxFileSize)
        {
            return (null, DiagnosticCatalog.FileTooLarge.Create(path, null, string.Empty, null, info.Length, options.MaxFileSize));
        }

        // A FIFO, device or folder is refused here, in one line (InputFileException, an IOException), never read.
        var bytes = await InputFile.ReadAllBytesAsync(path, InputFileKind.Compose, cancellationToken, options.MaxFileSize).ConfigureAwait(false);
        try
        {
            return (Utf8File.Decode(bytes, path), null);
        }
        catch (ComposeLoadException e)
        {
            return (null, FromLoad(DiagnosticCatalog.InvalidEncoding, e, path));
        }
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
        var (document, failure) = Parse(yaml, file);
        return document is null ? failure! : Run(document, yaml, variables, options);
    }

    /// <summary>Parses one file's text; a failure is a report with the one diagnostic that stops parsing.</summary>
    private static (ComposeDocument? Document, ValidationReport? Report) Parse(string yaml, string file)
    {
        if (FindControlCharacter(yaml, file) is { } control)
        {
            return (null, new ValidationReport(file, [control]));
        }

        try
        {
            return (ComposeDocument.Parse(yaml, file), null);
        }
        catch (ComposeLoadException e)
        {
            return (null, new ValidationReport(file, [FromLoad(DiagnosticCatalog.YamlSyntax, e, file)]));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // YamlDotNet throws these (not YamlException, so without a mark) for some malformed input, such as a
            // bad global tag or '!' after a quoted flow item; the failure is right after the last token it scanned.
            var location = LastScannedToken(yaml, file);
            return (null, new ValidationReport(file, [DiagnosticCatalog.YamlSyntax.Create(
                file, location, string.Empty, null,
                $"Invalid YAML: the parser stopped here ({e.Message.TrimEnd('.')}).",
                "Fix the YAML syntax at this place (tags, quotes, flow brackets).")]));
        }
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

    private static ValidationReport Run(
        ComposeDocument document,
        string? text,
        IReadOnlyDictionary<string, string>? variables,
        ComposeValidatorOptions? options,
        IReadOnlyDictionary<string, string>? texts = null)
    {
        options ??= ComposeValidatorOptions.Default;
        variables ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var interpolated = Interpolate(document, variables, diagnostics);
        var typed = ComposeServices.Read(document with { Root = interpolated });
        AddProblems(typed.Problems, document.File, diagnostics);
        var context = new ValidationContext(document, interpolated, text, variables, options, texts) { TypedServices = typed.Services };
        AddProblems(context.Kcm.Problems, document.File, diagnostics);
        foreach (var rule in ValidationRules.All)
        {
            rule.Check(context, diagnostics);
        }

        return new ValidationReport(document.File, Deduplicate(diagnostics));
    }

    private static ComposeMapping Interpolate(ComposeDocument document, IReadOnlyDictionary<string, string> variables, List<Diagnostic> diagnostics)
    {
        var result = ComposeInterpolator.Interpolate(document, variables);
        AddProblems(result.Problems, document.File, diagnostics);
        return result.Document.Root;
    }

    /// <summary>Turns problems found by the compose loader, interpolator or typed reader into diagnostics, keeping their texts.</summary>
    internal static void AddProblems(IEnumerable<ComposeProblem> problems, string file, List<Diagnostic> diagnostics)
    {
        foreach (var problem in problems)
        {
            var severity = DiagnosticCatalog.Find(problem.Code)?.Severity ?? DiagnosticSeverity.Error;
            diagnostics.Add(new Diagnostic(
                problem.Code,
                severity,
                problem.Location?.File ?? file,
                problem.Location?.Line ?? 1,
                problem.Location?.Column ?? 1,
                problem.Path,
                problem.Value,
                problem.Message,
                problem.Fix));
        }
    }

    private static SourceLocation LastScannedToken(string yaml, string file)
    {
        var line = 1;
        var column = 1;
        try
        {
            var scanner = new YamlDotNet.Core.Scanner(new StringReader(yaml));
            while (scanner.MoveNext())
            {
                line = (int)Math.Max(1, scanner.Current!.End.Line);
                column = (int)Math.Max(1, scanner.Current.End.Column);
            }
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // The place of the last good token is what we wanted.
        }

        return new SourceLocation(file, line, column);
    }

    /// <summary>YAML allows no control characters but tab, line feed and carriage return (and NEL); YamlDotNet lets some through.</summary>
    private static Diagnostic? FindControlCharacter(string text, string file)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if ((c < ' ' && c is not '\t' and not '\r') || c == '\u007F' || (c is >= '\u0080' and <= '\u009F' && c != '\u0085') || c is '\uFFFE' or '\uFFFF')
            {
                var message = $"Invalid YAML: control character U+{(int)c:X4} is not allowed in a YAML file.";
                return DiagnosticCatalog.YamlSyntax.Create(
                    file, new SourceLocation(file, line, i - lineStart + 1), string.Empty, null, message,
                    "Remove the character; if the file is binary or in another encoding, this is not the compose file you meant.");
            }
        }

        return null;
    }

    /// <summary>
    /// Drops repeats (the same code at the same place from two sources) and the generic variable-not-set warning
    /// where unescaped-dollar already explains the same value.
    /// </summary>
    private static IEnumerable<Diagnostic> Deduplicate(List<Diagnostic> diagnostics)
    {
        var explained = new HashSet<string>(StringComparer.Ordinal);
        var explainedParents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in diagnostics)
        {
            if (d.Code == DiagnosticCatalog.UnescapedDollar.Code)
            {
                explained.Add(d.Path);
                for (var dot = d.Path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = d.Path.IndexOf('.', dot + 1))
                {
                    explainedParents.Add(d.Path[..dot]);
                }
            }
        }

        var seen = new HashSet<(string, int, int, string)>();
        return diagnostics.Where(d =>
            !(d.Code == DiagnosticCatalog.VariableNotSet.Code && IsExplained(d.Path, explained, explainedParents))
            && seen.Add((d.Code, d.Line, d.Column, d.Code == DiagnosticCatalog.InvalidType.Code ? string.Empty : d.Path)));
    }

    /// <param name="path">The path of a variable-not-set warning.</param>
    /// <param name="explained">The paths of the unescaped-dollar diagnostics.</param>
    /// <param name="explainedParents">Every proper prefix, ending before a '.', of those paths: one set lookup instead of a scan per warning.</param>
    private static bool IsExplained(string path, HashSet<string> explained, HashSet<string> explainedParents)
    {
        if (explained.Contains(path))
        {
            return true;
        }

        // List-form environment: the interpolator names services.x.environment[3], the proxy rule services.x.environment.NAME.
        var bracket = path.LastIndexOf('[');
        return bracket > 0 && explainedParents.Contains(path[..bracket]);
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

    private static async Task<(IReadOnlyDictionary<string, string> Variables, Diagnostic? Problem)> LoadVariablesAsync(
        string path, ComposeValidatorOptions options, CancellationToken cancellationToken)
    {
        if (options.EnvFile is { } envFile && !File.Exists(envFile))
        {
            throw new FileNotFoundException($"The env file '{envFile}' does not exist; pass an existing file to --env-file.", envFile);
        }

        try
        {
            var variables = await ComposeEnvironment.LoadAsync(path, options.EnvFile, options.ProcessEnvironment, cancellationToken).ConfigureAwait(false);
            return (variables, null);
        }
        catch (ComposeLoadException e) when (options.EnvFile is not null && e.InnerException is InputFileException given)
        {
            // An explicit --env-file that is a FIFO, device, folder or too large: the run cannot start, like a missing one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(given);
            throw;
        }
        catch (ComposeLoadException e)
        {
            return (options.ProcessEnvironment ?? ProcessEnvironment(), FromLoad(DiagnosticCatalog.EnvFileInvalid, e, options.EnvFile ?? ".env"));
        }
    }

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }
}
