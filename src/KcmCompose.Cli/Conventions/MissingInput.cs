using KcmCompose.IO;

namespace KcmCompose.Cli.Conventions;

/// <summary>
/// The one rule for "could not run because an input is missing" (exit 2): a file or folder that does not exist, or a
/// file that is not a regular file, as the exception or anything behind it (the library's <c>PkiException</c> keeps the
/// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/> as its cause).
/// </summary>
internal static class MissingInput
{
    public static bool Is(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is FileNotFoundException or DirectoryNotFoundException or InputFileException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><see cref="ExitCodes.Usage"/> for a missing input, else <paramref name="otherwise"/>.</summary>
    public static int ExitCode(Exception exception, int otherwise) => Is(exception) ? ExitCodes.Usage : otherwise;
}
