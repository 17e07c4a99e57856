using System.Globalization;
using System.Text;
using KcmCompose.IO;

namespace KcmCompose.Compose;

/// <summary>
/// Reads a compose file as text and replaces it atomically (same folder, flushed, renamed), keeping its mode, owner,
/// group and BOM. A read-only file is refused unless forced, and so is a file that changed after it was read.
/// </summary>
internal static class ComposeTextFile
{
    public static async Task<ComposeEditResult> EditAsync(
        string path,
        Func<string, string, ComposeEditResult> edit,
        ComposeFileEditOptions? options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ComposeFileEditOptions();
        byte[] bytes;
        try
        {
            // Not caught below: a FIFO, device or folder is refused in one line (InputFileException, an IOException).
            bytes = await InputFile.ReadAllBytesAsync(path, InputFileKind.Compose, cancellationToken).ConfigureAwait(false);
        }
        catch (InputFileException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(path, $"{path}: cannot read the file: {e.Message}");
        }

        string text;
        try
        {
            text = Utf8File.Decode(bytes, path);
        }
        catch (ComposeLoadException e)
        {
            return Refused(path, e.Message);
        }

        var result = edit(text, path);
        if (result.Status != ComposeEditStatus.Changed || options.DryRun)
        {
            return result;
        }

        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8);
        // A symbolic link stays a link: the file it points to is replaced.
        var full = Path.GetFullPath(path);
        full = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        var folder = Path.GetDirectoryName(full)!;
        UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(full);
        if (mode is { } current && (current & UnixFileMode.UserWrite) == 0 && !options.Force)
        {
            return Refused(path, $"{path}: the file is read-only (mode {Octal(current)}); nothing written. Make it writable (chmod u+w) or pass --force.")
                with { OriginalText = result.OriginalText, Text = result.OriginalText };
        }

        var owner = UnixFileStatus.IsSupported ? UnixFileStatus.Of(full) : (UnixFileStatus?)null;
        string? backup = null;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        string? refusal = null;
        try
        {
            if (options.Backup)
            {
                var stamp = options.TimeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                var copy = $"{path}.{stamp}.bak";
                File.Copy(full, copy, overwrite: false);
                backup = copy; // set only once made: a refusal deletes our backup, never an existing file of that name
            }

            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (mode is { } create && !OperatingSystem.IsWindows())
            {
                streamOptions.UnixCreateMode = create | UnixFileMode.UserWrite;
            }

            var stream = new FileStream(temporary, streamOptions);
            await using (stream.ConfigureAwait(false))
            {
                var encoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(result.Text);
                if (bom)
                {
                    await stream.WriteAsync("\uFEFF"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                }

                await stream.WriteAsync(encoded, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (owner is { } original && UnixFileStatus.Of(temporary) is var made && (made.Uid != original.Uid || made.Gid != original.Gid))
            {
                // The new file belongs to whoever runs the edit (root, under sudo): give it the original's owner and group.
                try
                {
                    UnixFileStatus.SetOwner(temporary, original.Uid, original.Gid);
                }
                catch (UnauthorizedAccessException)
                {
                    refusal = $"{path}: cannot keep its owner and group {original.Uid}:{original.Gid} (only root or the owner can); nothing written. Run the edit as the file's owner or with sudo.";
                }
            }

            if (refusal is null && mode is { } exact && !OperatingSystem.IsWindows())
            {
                // The create mode is filtered by the umask, and chown clears set-id bits; set the original mode exactly.
                File.SetUnixFileMode(temporary, exact);
            }

            if (refusal is null)
            {
                options.BeforeReplace?.Invoke(full);
            }

            if (refusal is null && !await UnchangedAsync(full, bytes, cancellationToken).ConfigureAwait(false))
            {
                refusal = $"{path}: the file changed while it was being edited; nothing written. Run the command again.";
            }

            if (refusal is null)
            {
                File.Move(temporary, full, overwrite: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            refusal = $"{path}: cannot write the file: {e.Message}";
        }

        if (refusal is not null)
        {
            File.Delete(temporary);
            if (backup is not null)
            {
                File.Delete(backup);
            }

            return Refused(path, refusal) with { OriginalText = result.OriginalText, Text = result.OriginalText };
        }

        return result with { Written = true, BackupPath = backup };
    }

    /// <summary>Whether <paramref name="path"/> still holds <paramref name="original"/>: a change by another writer since it was read is never overwritten.</summary>
    private static async Task<bool> UnchangedAsync(string path, byte[] original, CancellationToken cancellationToken)
    {
        try
        {
            var now = await InputFile.ReadAllBytesAsync(path, InputFileKind.Compose, cancellationToken).ConfigureAwait(false);
            return now.AsSpan().SequenceEqual(original);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');

    private static ComposeEditResult Refused(string path, string message) =>
        new(ComposeEditStatus.Refused, path, string.Empty, string.Empty, message);
}
