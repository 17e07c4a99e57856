using System.Text;

namespace KcmCompose.Kcm;

public sealed partial record KcmStack
{
    /// <summary>
    /// Writes <see cref="ToYaml"/> to <paramref name="path"/> atomically (a temporary file in the same folder, flushed, then
    /// moved into place), created with mode 0600 on Unix because it holds the database passwords.
    /// </summary>
    /// <param name="path">The compose file to write.</param>
    /// <param name="overwrite">Replace an existing file. Defaults to false.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/>, writing nothing, when the file exists and <paramref name="overwrite"/> is false.</returns>
    /// <exception cref="KcmStackException">The stack is invalid.</exception>
    /// <exception cref="IOException">The folder is missing or not writable.</exception>
    public async Task<bool> TryWriteComposeFileAsync(string path, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return await WriteAtomicAsync(ToYaml(), path, overwrite, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WriteAtomicAsync(string text, string path, bool overwrite, CancellationToken cancellationToken)
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
                await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken).ConfigureAwait(false);
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
