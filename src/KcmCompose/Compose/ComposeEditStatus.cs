namespace KcmCompose.Compose;

/// <summary>What an in-place edit of a compose file did.</summary>
public enum ComposeEditStatus
{
    /// <summary>The text changed (or, in a dry run, would change).</summary>
    Changed,

    /// <summary>The file already says what was asked; nothing to do.</summary>
    Unchanged,

    /// <summary>The edit was not made; <see cref="ComposeEditResult.Message"/> says why in one line.</summary>
    Refused,
}
