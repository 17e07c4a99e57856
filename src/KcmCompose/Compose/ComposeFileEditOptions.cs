namespace KcmCompose.Compose;

/// <summary>How an in-place edit writes the file.</summary>
public sealed record ComposeFileEditOptions
{
    /// <summary>Compute the change without writing. Defaults to false.</summary>
    public bool DryRun { get; init; }

    /// <summary>Copy the original to <c>FILE.YYYYMMDDTHHMMSSZ.bak</c> before replacing it. Defaults to false.</summary>
    public bool Backup { get; init; }

    /// <summary>Replace a read-only file (no write bit for its owner) instead of refusing it. Defaults to false.</summary>
    public bool Force { get; init; }

    /// <summary>Runs after the new text is written to the temporary file, just before the check for a concurrent change (tests make the race real with it).</summary>
    internal Action<string>? BeforeReplace { get; init; }

    /// <summary>The clock that names backups. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
