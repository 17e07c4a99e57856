namespace KcmCompose.Compose;

/// <summary>A place in a source file; <see cref="Line"/> and <see cref="Column"/> count from 1.</summary>
/// <param name="File">The file as the user named it, or a label such as <c>&lt;string&gt;</c>.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Column">The column, from 1.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the form editors and CI annotations understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
