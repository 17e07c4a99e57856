using KcmCompose.Compose;

namespace KcmCompose.Validation;

/// <summary>
/// What every rule sees: the document as written (locations, raw text with <c>$</c>) and as Compose will
/// read it after interpolation, where the file lives, the variables and the options.
/// </summary>
internal sealed class ValidationContext
{
    public ValidationContext(
        string file,
        ComposeMapping root,
        ComposeMapping interpolatedRoot,
        IReadOnlyDictionary<string, string> variables,
        ComposeValidatorOptions options)
    {
        File = file;
        Root = root;
        InterpolatedRoot = interpolatedRoot;
        Variables = variables;
        Options = options;
        var full = System.IO.Path.GetFullPath(file == "<string>" ? "." : file);
        Folder = file == "<string>" ? full : System.IO.Path.GetDirectoryName(full) ?? full;
    }

    /// <summary>The compose file as the user named it (or <c>&lt;string&gt;</c>).</summary>
    public string File { get; }

    /// <summary>The compose file's folder, absolute; relative bind-mount sources resolve against it.</summary>
    public string Folder { get; }

    /// <summary>The document as written: raw scalar text, locations of the original nodes.</summary>
    public ComposeMapping Root { get; }

    /// <summary>The document after <c>${VAR}</c> interpolation; nodes keep their original locations.</summary>
    public ComposeMapping InterpolatedRoot { get; }

    /// <summary>The variables interpolation used (process environment over the env file).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The options, including the <see cref="ComposeValidatorOptions.TimeProvider"/>.</summary>
    public ComposeValidatorOptions Options { get; }

    /// <summary>The clock; never read the system time directly.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>Builds a diagnostic from a catalog row, pointing at <paramref name="node"/> (or the file start).</summary>
    public Diagnostic At(DiagnosticDescriptor descriptor, ComposeNode? node, string path, string? value, params object?[] args) =>
        descriptor.Create(File, node?.Location, path, value, args);

    /// <summary>Builds a diagnostic from a catalog row at an explicit location.</summary>
    public Diagnostic At(DiagnosticDescriptor descriptor, SourceLocation? location, string path, string? value, params object?[] args) =>
        descriptor.Create(File, location, path, value, args);
}
