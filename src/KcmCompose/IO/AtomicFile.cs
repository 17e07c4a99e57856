using System.Diagnostics.CodeAnalysis;

namespace KcmCompose.IO;

/// <summary>
/// Writes a whole file atomically: a temporary file in the same folder, flushed to disk, then renamed into place, so a
/// reader (or a crash) sees the old content or the new, never half of it. Files are created 0600 on Unix: everything
/// written this way (compose files with passwords, <c>.env</c>) may hold secrets.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/>. Returns <see langword="false"/>, writing nothing, when the
    /// file exists and <paramref name="overwrite"/> is false (also when it appears while this call runs).
    /// </summary>
    /// <exception cref="IOException">The folder is missing or not writable.</exception>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Disposed by await using.")]
    public static async Task<bool> TryWriteAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!overwrite && File.Exists(full))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            var stream = new FileStream(temporary, options);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, full, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(full))
            {
                return false;
            }

            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
