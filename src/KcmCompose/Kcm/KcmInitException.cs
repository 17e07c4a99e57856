namespace KcmCompose.Kcm;

/// <summary><see cref="KcmInitializer.InitializeAsync"/> refused: the folder holds a stack already, or a kept file is incomplete. Nothing was changed.</summary>
public sealed class KcmInitException : Exception
{
    /// <summary>Creates the exception with no detail.</summary>
    public KcmInitException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong and what to do.</summary>
    public KcmInitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public KcmInitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
