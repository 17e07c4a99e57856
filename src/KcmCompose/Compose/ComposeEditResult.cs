namespace KcmCompose.Compose;

/// <summary>The outcome of an in-place edit: the text before and after, and one line saying what happened.</summary>
/// <param name="Status">Changed, unchanged or refused.</param>
/// <param name="File">The file, or a label such as <c>&lt;string&gt;</c>.</param>
/// <param name="OriginalText">The text before the edit.</param>
/// <param name="Text">The text after the edit; equal to <paramref name="OriginalText"/> unless <see cref="ComposeEditStatus.Changed"/>.</param>
/// <param name="Message">One line for the user.</param>
public sealed record ComposeEditResult(ComposeEditStatus Status, string File, string OriginalText, string Text, string Message)
{
    /// <summary>Where the original was copied before it was replaced, when a backup was asked for and the file was written.</summary>
    public string? BackupPath { get; init; }

    /// <summary>The edit was made or was not needed: <see cref="Status"/> is not <see cref="ComposeEditStatus.Refused"/>.</summary>
    public bool Succeeded => Status != ComposeEditStatus.Refused;

    /// <summary>Whether the file was written (false for dry runs, refusals and no-ops).</summary>
    public bool Written { get; init; }

    /// <summary>The change as a unified diff (<c>--- a/FILE</c>, <c>+++ b/FILE</c>, 3 lines of context); empty when nothing changed.</summary>
    public string ToUnifiedDiff() => UnifiedDiff.Create(OriginalText, Text, File);
}
