using System.Globalization;
using System.Text;
using KcmCompose.IO;

namespace KcmCompose.Compose;

/// <summary>Reads a compose file as text and replaces it atomically (same folder, flushed, renamed), keeping its mode and BOM.</summary>
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
        string? backup = null;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (options.Backup)
            {
                var stamp = options.TimeProvider.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
                backup = $"{path}.{stamp}.bak";
                File.Copy(full, backup, overwrite: false);
            }

            var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
            if (!OperatingSystem.IsWindows())
            {
                streamOptions.UnixCreateMode = File.GetUnixFileMode(full);
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

            if (!OperatingSystem.IsWindows())
            {
                // The create mode is filtered by the umask; set the original mode exactly.
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(full));
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            return Refused(path, $"{path}: cannot write the file: {e.Message}") with { OriginalText = result.OriginalText, Text = result.OriginalText };
        }

        return result with { Written = true, BackupPath = backup };
    }

    private static ComposeEditResult Refused(string path, string message) =>
        new(ComposeEditStatus.Refused, path, string.Empty, string.Empty, message);
}
