namespace KcmCompose.Compose;

/// <summary>A text edit that cannot be made safely; the message is one line saying why and what to do instead.</summary>
internal sealed class ComposeEditException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ComposeEditException()
    {
    }

    /// <summary>Creates the exception with its one-line reason.</summary>
    public ComposeEditException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line reason and cause.</summary>
    public ComposeEditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
