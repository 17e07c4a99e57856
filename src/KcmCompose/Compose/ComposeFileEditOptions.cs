namespace KcmCompose.Compose;

/// <summary>How an in-place edit writes the file.</summary>
public sealed record ComposeFileEditOptions
{
    /// <summary>Compute the change without writing. Defaults to false.</summary>
    public bool DryRun { get; init; }

    /// <summary>Copy the original to <c>FILE.YYYYMMDDTHHMMSSZ.bak</c> before replacing it. Defaults to false.</summary>
    public bool Backup { get; init; }

    /// <summary>The clock that names backups. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
