using System.Security.Cryptography;

namespace KcmCompose.Kcm;

/// <summary>
/// Names of Swarm configs and secrets that carry their content's hash (<c>PREFIX-</c> and the first 12 hex digits of
/// the SHA-256 of the bytes): Swarm configs and secrets are immutable, so new content needs a new name, and the
/// changed name in the service spec is what makes <c>docker stack deploy</c> roll the service.
/// </summary>
public static class SwarmObjectName
{
    /// <summary>How many hex digits of the SHA-256 the name keeps (48 bits).</summary>
    public const int HashLength = 12;

    /// <summary>Swarm's limit on config and secret names.</summary>
    public const int MaxLength = 64;

    /// <summary>The name of an object holding <paramref name="content"/>, such as <c>kcm-client-ca-3f2a9c01b4d7</c>.</summary>
    /// <param name="prefix">Letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit, at most 51 characters.</param>
    /// <param name="content">The exact bytes Swarm will store.</param>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is not a valid start of a Swarm name.</exception>
    public static string For(string prefix, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (Check(prefix) is { } problem)
        {
            throw new ArgumentException(problem, nameof(prefix));
        }

        return $"{prefix}-{Convert.ToHexStringLower(SHA256.HashData(content))[..HashLength]}";
    }

    /// <summary>
    /// <see cref="For"/> over the bytes of the file at <paramref name="path"/>. Fails, naming the file, when it cannot be
    /// read: the name needs the content at the time the stack file is written.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read (the message says which and why).</exception>
    public static async Task<string> ForFileAsync(string prefix, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return For(prefix, await ReadAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Whether <paramref name="name"/> ends in <c>-</c> and <see cref="HashLength"/> lower-case hex digits, as <see cref="For"/> writes.</summary>
    public static bool HasContentHash(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length > HashLength + 1 && name[^(HashLength + 1)] == '-' && name[^HashLength..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }

    /// <summary>The file's bytes, or an <see cref="IOException"/> whose message names the file and says why the content is needed.</summary>
    internal static async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(full, e);
        }
    }

    /// <summary>Like <see cref="ReadAsync"/>, for the synchronous text editors.</summary>
    internal static byte[] Read(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(full, e);
        }
    }

    /// <summary>Why <paramref name="prefix"/> cannot start a name; <see langword="null"/> when it can.</summary>
    internal static string? Check(string prefix) =>
        prefix.Length == 0 || prefix.Length > MaxLength - HashLength - 1
            ? $"A Swarm name prefix must be 1 to {MaxLength - HashLength - 1} characters, not {prefix.Length}."
            : !char.IsAsciiLetterOrDigit(prefix[0]) || prefix.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                ? $"A Swarm name prefix must start with a letter or digit and hold only letters, digits, '.', '_' and '-', not '{prefix}'."
                : null;

    private static IOException Unreadable(string full, Exception e) => e is FileNotFoundException or DirectoryNotFoundException
        ? new FileNotFoundException($"'{full}' does not exist; a Swarm config or secret is named after its content, so the file must exist when the stack file is written: create it first.", full, e)
        : new IOException($"Cannot read '{full}' ({e.Message}); a Swarm config or secret is named after its content, so the file must be readable when the stack file is written.", e);
}
