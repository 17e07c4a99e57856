using System.Buffers;
using System.Text.Unicode;
using KcmCompose.IO;

namespace KcmCompose.Compose;

/// <summary>Reads a text file that must be UTF-8, reporting the line and column of the first invalid byte.</summary>
internal static class Utf8File
{
    /// <summary>Reads <paramref name="path"/> through <see cref="InputFile"/> (regular files only, within the kind's limit) and decodes it.</summary>
    public static async Task<string> ReadAsync(string path, InputFileKind kind, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await InputFile.ReadAllBytesAsync(path, kind, cancellationToken).ConfigureAwait(false);
        }
        catch (InputFileException e)
        {
            throw new ComposeLoadException(e.Problem + ".", null, Capitalise(e.Fix) + ".", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ComposeLoadException(
                $"Cannot read '{path}': {e.Message}",
                null,
                "Check that the file exists and that you may read it.",
                e);
        }

        return Decode(bytes, path);
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Decode(ReadOnlySpan<byte> bytes, string file)
    {
        var bom = bytes.StartsWith("\uFEFF"u8) ? 3 : 0;
        bytes = bytes[bom..];

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < written; i++)
        {
            if (chars[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        throw new ComposeLoadException(
            $"The file is not valid UTF-8: byte 0x{bytes[read]:X2} at offset {read + bom} does not start a valid UTF-8 sequence.",
            new SourceLocation(file, line, written - lineStart + 1),
            "Save the file as UTF-8 (for example: iconv -f latin1 -t utf-8).");
    }
}
