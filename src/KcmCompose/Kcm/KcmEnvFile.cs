using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using KcmCompose.Compose;
using KcmCompose.IO;

namespace KcmCompose.Kcm;

/// <summary>
/// The <c>.env</c> beside a compose file that holds the stack's secrets, so the compose file itself holds none and reads
/// them with Compose's required-variable form (<c>${GUACAMOLE_PASSWORD:?...}</c>). Secrets are generated once: an existing
/// file is never rewritten except to append the variables it lacks, and what it already defines is kept byte for byte.
/// </summary>
public static class KcmEnvFile
{
    /// <summary>The header of a new file.</summary>
    internal const string Header = "# Secrets of the Keeper Connection Manager stack beside this file, generated once by kcm-compose.\n"
        + "# Keep this file private (mode 0600) and back it up with the database: the database was initialised with these values.\n";

    /// <summary>The default source: 24 letters and digits from <see cref="RandomNumberGenerator"/> (about 143 bits).</summary>
    public static IKcmSecretSource RandomSecrets { get; } = new RandomSecretSource();

    /// <summary>The <c>.env</c> Compose reads for <paramref name="composeFile"/>: <c>.env</c> in the same folder.</summary>
    public static string PathFor(string composeFile) =>
        ComposeEnvironment.DefaultEnvFile(composeFile ?? throw new ArgumentNullException(nameof(composeFile)));

    /// <summary>
    /// Makes sure the <c>.env</c> at <paramref name="path"/> defines every one of <paramref name="variables"/>: creates it
    /// (0600, atomically) when missing, else appends only the variables it lacks, with values from
    /// <paramref name="secrets"/> (default <see cref="RandomSecrets"/>). Writes nothing when every variable is defined.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not a variable name, or the source gave an empty or multi-line value.</exception>
    /// <exception cref="IOException">The file cannot be read or written (its folder is missing, say); a FIFO, device, folder or oversized file in its place is an <see cref="IOException"/> too, naming the path.</exception>
    public static async Task<KcmEnvFileResult> EnsureAsync(string path, IEnumerable<string> variables, IKcmSecretSource? secrets = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(variables);
        secrets ??= RandomSecrets;
        var full = Path.GetFullPath(path);
        var names = variables.Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in names)
        {
            _ = EnvironmentValue.Placeholder(name); // throws ArgumentException for a name that is not a variable name
        }

        var exists = File.Exists(full);
        string existing = string.Empty;
        var defined = new HashSet<string>(StringComparer.Ordinal);
        if (exists)
        {
            existing = await InputFile.ReadAllTextAsync(full, InputFileKind.Env, cancellationToken).ConfigureAwait(false);

            defined = DotEnvParser.Parse(existing, full, _ => null).Keys.ToHashSet(StringComparer.Ordinal);
        }

        var kept = names.Where(defined.Contains).ToImmutableArray();
        var missing = names.Where(n => !defined.Contains(n)).ToImmutableArray();
        if (missing.IsEmpty && exists)
        {
            return new KcmEnvFileResult(full, Created: false, Added: [], Kept: kept);
        }

        var text = new StringBuilder(existing);
        if (!exists)
        {
            text.Append(Header);
        }
        else if (existing.Length > 0 && existing[^1] != '\n')
        {
            text.Append('\n');
        }

        foreach (var name in missing)
        {
            text.Append(name).Append('=').Append(Quote(name, secrets.CreateSecret(name))).Append('\n');
        }

        if (!await AtomicFile.TryWriteAsync(full, new UTF8Encoding(false).GetBytes(text.ToString()), overwrite: exists, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"'{full}' appeared while it was being created; run again to add only what it lacks.");
        }

        return new KcmEnvFileResult(full, Created: !exists, Added: missing, Kept: kept);
    }

    /// <summary>The value as a .env value that Compose v1 and v2 read back unchanged: bare when plain, else single-quoted (literal).</summary>
    private static string Quote(string name, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny('\n', '\r', '\0') >= 0)
        {
            throw new ArgumentException($"The secret source gave an empty or multi-line value for {name}; a .env value must be one non-empty line.", nameof(value));
        }

        if (value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '+' or '=' or '@' or '%' or ',' or ':'))
        {
            return value;
        }

        return value.Contains('\'', StringComparison.Ordinal)
            ? throw new ArgumentException($"The secret source gave a value for {name} with both a quote (') and characters that need quoting; .env cannot hold it literally.", nameof(value))
            : $"'{value}'";
    }

    private sealed class RandomSecretSource : IKcmSecretSource
    {
        public string CreateSecret(string variable) => KcmStackBuilder.GeneratePassword().Text;
    }
}
