using System.Globalization;
using System.Text;

namespace KcmCompose.IO;

/// <summary>
/// Reads every file the library is given (compose, env, passphrase, certificate, key, CSR, .pfx, nginx text) so that
/// a wrong path fails at once in one line instead of hanging or exhausting memory: anything that is not a regular
/// file after following links (FIFO, device, socket, folder) is refused before it is opened for reading, and a file
/// over the limit of its <see cref="InputFileKind"/> is refused, also when it grows while being read.
/// </summary>
internal static class InputFile
{
    /// <summary>The size limit of each kind, in bytes; far above any real file of that kind.</summary>
    public static long LimitOf(InputFileKind kind) => kind switch
    {
        InputFileKind.Compose => 4L << 20,
        InputFileKind.Env => 1L << 20,
        InputFileKind.NginxConfig => 1L << 20,
        InputFileKind.Passphrase => 4L << 10,
        InputFileKind.Certificate => 4L << 20,
        InputFileKind.CaBundle => 64L << 20,
        InputFileKind.CaIndex => 64L << 20,
        InputFileKind.MountedFile => 16L << 20,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind as a sentence names it.</summary>
    public static string Describe(InputFileKind kind) => kind switch
    {
        InputFileKind.Compose => "compose file",
        InputFileKind.Env => "env file",
        InputFileKind.NginxConfig => "nginx configuration file",
        InputFileKind.Passphrase => "passphrase file",
        InputFileKind.Certificate => "certificate, key or request file",
        InputFileKind.CaBundle => "CA or certificate file",
        InputFileKind.CaIndex => "CA index",
        _ => "file",
    };

    /// <summary>
    /// Whether anything is at <paramref name="path"/> (following links): a file, but also a folder, FIFO or device, which
    /// a read then refuses by name instead of a caller calling it missing.
    /// </summary>
    public static bool IsPresent(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>
    /// What is at <paramref name="path"/> when it exists and is not a regular file ("a FIFO (named pipe)", "a folder"...);
    /// null for a regular file or nothing. For paths that are not read but mounted, where a warning is all that is due.
    /// </summary>
    public static string? NotRegular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!UnixFileStatus.IsSupported)
        {
            return Directory.Exists(path) ? UnixFileStatus.Describe(UnixFileType.Directory) : null;
        }

        try
        {
            var status = UnixFileStatus.Of(path);
            return status.Type == UnixFileType.Regular ? null : UnixFileStatus.Describe(status.Type);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The bytes of <paramref name="path"/>; <paramref name="limit"/> overrides the kind's limit.</summary>
    /// <exception cref="InputFileException">Not a regular file, or larger than the limit.</exception>
    /// <exception cref="IOException">Missing or unreadable, as <see cref="File.ReadAllBytes"/> reports it.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(string path, InputFileKind kind, CancellationToken cancellationToken, long? limit = null)
    {
        var max = limit ?? LimitOf(kind);
        var stream = Open(path, kind, max, out var expected);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)Math.Min(expected, max) + 1);
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                Append(buffer, chunk, read, path, kind, max);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>The synchronous twin of <see cref="ReadAllBytesAsync"/>.</summary>
    public static byte[] ReadAllBytes(string path, InputFileKind kind, long? limit = null)
    {
        var max = limit ?? LimitOf(kind);
        using var stream = Open(path, kind, max, out var expected);
        using var buffer = new MemoryStream((int)Math.Min(expected, max) + 1);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            Append(buffer, chunk, read, path, kind, max);
        }

        return buffer.ToArray();
    }

    /// <summary>The text of <paramref name="path"/>, decoded like <see cref="File.ReadAllText(string)"/> (UTF-8 unless a BOM says otherwise).</summary>
    public static async Task<string> ReadAllTextAsync(string path, InputFileKind kind, CancellationToken cancellationToken) =>
        Decode(await ReadAllBytesAsync(path, kind, cancellationToken).ConfigureAwait(false));

    /// <summary>The synchronous twin of <see cref="ReadAllTextAsync"/>.</summary>
    public static string ReadAllText(string path, InputFileKind kind) => Decode(ReadAllBytes(path, kind));

    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static void Append(MemoryStream buffer, byte[] chunk, int read, string path, InputFileKind kind, long max)
    {
        if (buffer.Length + read > max)
        {
            throw new InputFileException(
                path,
                $"'{path}' grew past {Size(max)} while being read, the limit for a {Describe(kind)}",
                $"give a {Describe(kind)} that is not being written to");
        }

        buffer.Write(chunk, 0, read);
    }

    private static FileStream Open(string path, InputFileKind kind, long max, out long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!UnixFileStatus.IsSupported)
        {
            if (Directory.Exists(path))
            {
                throw NotRegular(path, kind, UnixFileType.Directory);
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            length = stream.CanSeek ? stream.Length : 0;
            CheckLength(path, kind, max, length, stream);
            return stream;
        }

        // stat before open: a FIFO is never opened, a device never read.
        var before = UnixFileStatus.Of(path);
        if (before.Type != UnixFileType.Regular)
        {
            throw NotRegular(path, kind, before.Type);
        }

        CheckLength(path, kind, max, (long)Math.Min(before.Size, long.MaxValue), null);
        var handle = UnixFileStatus.OpenForReading(path);
        try
        {
            // The path may have been swapped between stat and open: judge what was opened.
            var opened = UnixFileStatus.Of(handle, path);
            if (opened.Type != UnixFileType.Regular)
            {
                throw NotRegular(path, kind, opened.Type);
            }

            length = (long)Math.Min(opened.Size, long.MaxValue);
            CheckLength(path, kind, max, length, null);
            return new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void CheckLength(string path, InputFileKind kind, long max, long length, FileStream? owner)
    {
        if (length > max)
        {
            owner?.Dispose();
            throw new InputFileException(
                path,
                $"'{path}' is {Size(length)}, above the {Size(max)} limit for a {Describe(kind)}",
                $"check that this is the {Describe(kind)} you meant");
        }
    }

    private static InputFileException NotRegular(string path, InputFileKind kind, UnixFileType type) => new(
        path,
        $"'{path}' is {UnixFileStatus.Describe(type)}, not a regular file",
        $"give the path of the {Describe(kind)} itself");

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 20 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1L << 10 when bytes % (1L << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
