namespace KcmCompose.IO;

/// <summary>
/// A file given to read is not a regular file (a FIFO, device, socket or folder) or is larger than the limit for its
/// kind. The message is one line: the file, what it is or the limit, and the fix.
/// </summary>
internal sealed class InputFileException : IOException
{
    public InputFileException(string path, string problem, string fix)
        : base($"{problem}; {fix}")
    {
        FilePath = path;
        Problem = problem;
        Fix = fix;
    }

    /// <summary>The file as given.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, naming the file.</summary>
    public string Problem { get; }

    /// <summary>How to fix it.</summary>
    public string Fix { get; }
}
