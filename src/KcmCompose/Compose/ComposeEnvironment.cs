using KcmCompose.IO;

namespace KcmCompose.Compose;

/// <summary>The variables Compose interpolates a file with: the process environment over the project's .env file.</summary>
public static class ComposeEnvironment
{
    /// <summary>The name of the file Compose reads variables from, in the project folder.</summary>
    internal const string DotEnvFileName = ".env";

    /// <summary>The <c>.env</c> Compose reads for <paramref name="composeFilePath"/>: in the same folder.</summary>
    internal static string DefaultEnvFile(string composeFilePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(composeFilePath)) ?? ".", DotEnvFileName);

    /// <summary>
    /// Reads the .env file beside <paramref name="composeFilePath"/> (or <paramref name="envFile"/>) and lays the process
    /// environment over it, as <c>docker compose</c> does.
    /// </summary>
    /// <param name="composeFilePath">The compose file; its folder holds the default <c>.env</c>, which may be absent.</param>
    /// <param name="envFile">An explicit env file (like <c>--env-file</c>), which must exist; <see langword="null"/> for the default.</param>
    /// <param name="processEnvironment">The process environment; <see langword="null"/> reads this process's.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ComposeLoadException">The env file is missing (when explicit), not UTF-8, or has a bad line (with file:line).</exception>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(
        string composeFilePath,
        string? envFile = null,
        IReadOnlyDictionary<string, string>? processEnvironment = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composeFilePath);
        var process = processEnvironment ?? ReadProcessEnvironment();
        var path = envFile ?? DefaultEnvFile(composeFilePath);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (envFile is not null || File.Exists(path))
        {
            var text = await Utf8File.ReadAsync(path, InputFileKind.Env, cancellationToken).ConfigureAwait(false);
            var lookup = (string name) => process.TryGetValue(name, out var value) ? value : null;
            foreach (var (key, value) in DotEnvParser.Parse(text, envFile ?? path, lookup))
            {
                result[key] = value;
            }
        }

        foreach (var (key, value) in process)
        {
            result[key] = value;
        }

        return result;
    }

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
