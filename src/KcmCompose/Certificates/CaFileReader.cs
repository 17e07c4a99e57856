using System.Runtime.InteropServices;

namespace KcmCompose.Certificates;

/// <summary>The bytes of a file, or why it could not be read.</summary>
internal sealed record CaFileReadResult(byte[]? Content, CaFileStatus Status, string? Problem);

/// <summary>
/// Reads a file for the certificate checks without ever blocking or exhausting memory: folders, FIFOs,
/// sockets and devices are refused before they are read, symlink loops and permission errors become a
/// status, and the read stops at a size limit.
/// </summary>
internal static class CaFileReader
{
    /// <summary>The largest file read: 64 MiB, far above any real CA bundle.</summary>
    public const long MaxLength = 64L * 1024 * 1024;

    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    public static async Task<CaFileReadResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var (stream, failure) = Open(path);
        if (stream is null)
        {
            return failure!;
        }

        using (stream)
        {
            try
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxLength)
                    {
                        return TooLarge(path);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return new(buffer.ToArray(), CaFileStatus.Loadable, null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new(null, CaFileStatus.Unreadable, $"'{path}' cannot be read: {ex.Message}");
            }
        }
    }

    /// <summary>The synchronous twin of <see cref="ReadAsync"/>, for the validation rules.</summary>
    public static CaFileReadResult Read(string path)
    {
        var (stream, failure) = Open(path);
        if (stream is null)
        {
            return failure!;
        }

        using (stream)
        {
            try
            {
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = stream.Read(chunk)) > 0)
                {
                    if (buffer.Length + read > MaxLength)
                    {
                        return TooLarge(path);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return new(buffer.ToArray(), CaFileStatus.Loadable, null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new(null, CaFileStatus.Unreadable, $"'{path}' cannot be read: {ex.Message}");
            }
        }
    }

    private static CaFileReadResult TooLarge(string path) =>
        new(null, CaFileStatus.Unreadable, $"'{path}' is larger than {MaxLength / (1024 * 1024)} MiB; no CA file is that large");

    private static (FileStream? Stream, CaFileReadResult? Failure) Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return (null, new(null, CaFileStatus.Unreadable, $"'{path}' is a folder, not a file (Docker creates a folder when a bind-mount source does not exist)"));
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, info.LinkTarget is not null
                ? new(null, CaFileStatus.Missing, $"'{path}' is a symbolic link to '{info.LinkTarget}', which does not exist")
                : new(null, CaFileStatus.Missing, $"'{path}' does not exist"));
        }

        try
        {
            var handle = OpenNonBlocking(path);
            if (handle is null)
            {
                return (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1), null);
            }

            var stream = new FileStream(handle, FileAccess.Read, 1);
            if (!stream.CanSeek)
            {
                stream.Dispose();
                return (null, new(null, CaFileStatus.Unreadable, $"'{path}' is not a regular file (a FIFO, socket or character device)"));
            }

            return (stream, null);
        }
        catch (FileNotFoundException)
        {
            var target = new FileInfo(path).LinkTarget;
            return (null, new(null, CaFileStatus.Missing, target is null
                ? $"'{path}' does not exist"
                : $"'{path}' is a symbolic link to '{target}', which does not exist"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new(null, CaFileStatus.Unreadable, $"'{path}' cannot be read: {ex.Message}"));
        }
    }

    /// <summary>
    /// Opens with O_NONBLOCK on Linux so that opening a FIFO without a writer returns at once instead of
    /// hanging; returns <see langword="null"/> on other systems. Throws like FileStream on errors.
    /// </summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenNonBlocking(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var fd = Open(path, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = Marshal.GetPInvokeErrorMessage(errno);
            throw errno switch
            {
                1 or 13 => new UnauthorizedAccessException(message),
                2 => new FileNotFoundException(message, path),
                _ => new IOException(message),
            };
        }

        return new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Unicode, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for the whole library.
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
#pragma warning restore SYSLIB1054
}
