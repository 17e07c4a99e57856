using KcmCompose.IO;

namespace KcmCompose.Certificates;

/// <summary>The bytes of a file, or why it could not be read.</summary>
internal sealed record CaFileReadResult(byte[]? Content, CaFileStatus Status, string? Problem);

/// <summary>
/// Reads a file for the certificate checks through <see cref="InputFile"/>, turning every failure into a status:
/// folders, FIFOs, sockets and devices are refused before they are read, symlink loops and permission errors
/// become a status, and the read stops at the <see cref="InputFileKind.CaBundle"/> limit.
/// </summary>
internal static class CaFileReader
{
    /// <summary>The largest file read: 64 MiB, far above any real CA bundle.</summary>
    public static long MaxLength => InputFile.LimitOf(InputFileKind.CaBundle);

    public static async Task<CaFileReadResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Precheck(path) ?? new(await InputFile.ReadAllBytesAsync(path, InputFileKind.CaBundle, cancellationToken).ConfigureAwait(false), CaFileStatus.Loadable, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure(path, ex);
        }
    }

    /// <summary>The synchronous twin of <see cref="ReadAsync"/>, for the validation rules.</summary>
    public static CaFileReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Precheck(path) ?? new(InputFile.ReadAllBytes(path, InputFileKind.CaBundle), CaFileStatus.Loadable, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failure(path, ex);
        }
    }

    private static CaFileReadResult? Precheck(string path)
    {
        if (Directory.Exists(path))
        {
            return new(null, CaFileStatus.Unreadable, $"'{path}' is a folder, not a file (Docker creates a folder when a bind-mount source does not exist)");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return info.LinkTarget is not null
                ? new(null, CaFileStatus.Missing, $"'{path}' is a symbolic link to '{info.LinkTarget}', which does not exist")
                : new(null, CaFileStatus.Missing, $"'{path}' does not exist");
        }

        return null;
    }

    private static CaFileReadResult Failure(string path, Exception ex) => ex switch
    {
        InputFileException refused => new(null, CaFileStatus.Unreadable, refused.Problem),
        FileNotFoundException => new FileInfo(path).LinkTarget is { } target
            ? new(null, CaFileStatus.Missing, $"'{path}' is a symbolic link to '{target}', which does not exist")
            : new(null, CaFileStatus.Missing, $"'{path}' does not exist"),
        _ => new(null, CaFileStatus.Unreadable, $"'{path}' cannot be read: {ex.Message}"),
    };
}
