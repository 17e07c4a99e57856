namespace KcmCompose.Certificates;

/// <summary>
/// A PKI operation was refused or failed for a reason stated in <see cref="Exception.Message"/> (one line: what, why, what to do).
/// Nothing was written when this is thrown. When an input file or folder does not exist (a CA folder, its certificate
/// or key, a certificate request, a passphrase file, a CRL), <see cref="Exception.InnerException"/> is a
/// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/> naming it.
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

    /// <summary>An input file that does not exist: the message for the user, the cause naming the file.</summary>
    internal static PkiException MissingFile(string path, string message) =>
        new(message, new FileNotFoundException($"'{path}' does not exist.", path));

    /// <summary>An input folder that does not exist.</summary>
    internal static PkiException MissingFolder(string path, string message) =>
        new(message, new DirectoryNotFoundException($"'{path}' does not exist."));
}
