namespace KcmCompose.Cli;

/// <summary>The exit codes every command shares.</summary>
internal static class ExitCodes
{
    /// <summary>Done, or nothing to do.</summary>
    public const int Success = 0;

    /// <summary>Refused or failed for a reason stated in one line (or: a finding at or above the fail level).</summary>
    public const int Failed = 1;

    /// <summary>Could not run: bad arguments, no input file.</summary>
    public const int Usage = 2;
}
