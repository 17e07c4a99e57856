using System.Diagnostics;

namespace KcmCompose.Docker;

/// <summary>
/// Asks Compose itself for a service's <c>com.docker.compose.config-hash</c>, so a container recreated by this
/// library carries the hash Compose expects and a later <c>docker compose up -d</c> leaves it alone.
/// The hash is Compose's own (v1 and v2 compute it differently), so the same Compose that made the container is asked.
/// </summary>
internal static class ComposeConfigHash
{
    /// <summary>
    /// Runs <c>docker-compose config --hash=SERVICE</c> when <paramref name="composeVersion"/> (the
    /// <c>com.docker.compose.version</c> label) starts with <c>1.</c>, else <c>docker compose config --hash=SERVICE</c>.
    /// </summary>
    /// <returns>The hash, or <see langword="null"/> when Compose is not installed or fails (the caller then keeps the old label).</returns>
    public static async Task<string?> ComputeAsync(
        IReadOnlyList<string> composeFiles, string service, string project, string? composeVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composeFiles);
        var composeFile = composeFiles[0];
        ArgumentNullException.ThrowIfNull(service);
        var v1 = composeVersion?.StartsWith("1.", StringComparison.Ordinal) == true;
        var start = new ProcessStartInfo(v1 ? "docker-compose" : "docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(composeFile)) ?? Environment.CurrentDirectory,
        };
        if (!v1)
        {
            start.ArgumentList.Add("compose");
        }

        foreach (var file in composeFiles)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(Path.GetFullPath(file));
        }

        foreach (var argument in new[] { "-p", project, "config", $"--hash={service}" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var text = await output.ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                return null;
            }

            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == service)
                {
                    return parts[1];
                }
            }

            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // took too long: keep the old label
        }
    }
}
