using System.Text;
using KcmCompose.IO;

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
        return await AtomicFile.TryWriteAsync(path, new UTF8Encoding(false).GetBytes(ToYaml()), overwrite, cancellationToken).ConfigureAwait(false);
    }

    private static Task<bool> WriteAtomicAsync(string text, string path, bool overwrite, CancellationToken cancellationToken) =>
        AtomicFile.TryWriteAsync(path, new UTF8Encoding(false).GetBytes(text), overwrite, cancellationToken);
}
