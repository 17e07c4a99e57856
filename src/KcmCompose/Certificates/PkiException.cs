namespace KcmCompose.Certificates;

/// <summary>
/// A PKI operation was refused or failed for a reason stated in <see cref="Exception.Message"/> (one line: what, why, what to do).
/// Nothing was written when this is thrown.
/// </summary>
public sealed class PkiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PkiException()
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public PkiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the failure behind it.</summary>
    public PkiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
