using System.Security.Cryptography;
using KcmCompose.IO;

namespace KcmCompose.Certificates;

/// <summary>
/// Where passphrases come from: a file, an environment variable, or a fresh random one.
/// Never from a command-line argument, which other users can read in the process list.
/// </summary>
public static class Passphrases
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int Groups = 6;
    private const int GroupLength = 5;

    /// <summary>Bits of entropy in a <see cref="Generate"/>d passphrase (30 symbols from 32: 150 bits).</summary>
    public const int GeneratedEntropyBits = Groups * GroupLength * 5;

    /// <summary>
    /// A new random passphrase of <see cref="GeneratedEntropyBits"/> bits, in six dash-separated groups of five
    /// lower-case letters and digits without look-alikes (no i, l, o, u), so it can be read aloud and typed.
    /// </summary>
    public static string Generate()
    {
        var symbols = RandomNumberGenerator.GetItems<char>(Alphabet, Groups * GroupLength);
        return string.Join('-', Enumerable.Range(0, Groups).Select(g => new string(symbols, g * GroupLength, GroupLength)));
    }

    /// <summary>
    /// The first line of <paramref name="path"/> (as OpenSSL's <c>-passin file:</c> reads it), without its line end.
    /// Throws <see cref="PkiException"/> when the file is missing, unreadable, not a regular file (a FIFO, device or
    /// folder), above 4 KiB, or its first line is empty.
    /// </summary>
    public static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = await InputFile.ReadAllTextAsync(path, InputFileKind.Passphrase, cancellationToken).ConfigureAwait(false);
        }
        catch (InputFileException e)
        {
            throw new PkiException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiException($"cannot read passphrase file '{path}': {e.Message}", e);
        }

        var end = text.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? text : text[..end];
        if (line.Length == 0)
        {
            throw new PkiException($"passphrase file '{path}' is empty: put the passphrase on its first line");
        }

        return line;
    }

    /// <summary>The value of environment variable <paramref name="name"/>; throws <see cref="PkiException"/> when unset or empty.</summary>
    public static string FromEnvironment(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new PkiException($"environment variable '{name}' is not set or empty: export the passphrase in it first");
        }

        return value;
    }

    /// <summary>
    /// Writes <paramref name="passphrase"/> and a line end to <paramref name="path"/>, created 0600, atomically.
    /// Refuses an existing file unless <paramref name="overwrite"/>.
    /// </summary>
    public static async Task WriteFileAsync(string path, string passphrase, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        PkiFiles.RefuseExisting(overwrite, [path], "choose another file or pass --force");
        var files = new PkiFiles();
        files.AddSecret(path, passphrase + "\n");
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
