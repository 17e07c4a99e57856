using System.Diagnostics;

namespace KcmCompose.IntegrationTests.Infrastructure;

/// <summary>
/// Gates a test on a real component. Outside CI a missing component makes the test inconclusive (ignored);
/// under <c>CI=true</c> it fails, so a broken CI set-up can never pass by skipping.
/// </summary>
public static class Requires
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails (CI) or ignores (elsewhere) with <paramref name="reason"/>.</summary>
    public static void Missing(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"Required component missing under CI=true: {reason}");
        }

        Assert.Ignore($"Skipped outside CI: {reason}");
    }

    /// <summary>The full path of <paramref name="program"/> on PATH (or in <paramref name="extraDirectories"/>); gates the test when absent.</summary>
    public static string Program(string program, params string[] extraDirectories)
    {
        var path = FindProgram(program, extraDirectories);
        if (path is null)
        {
            Missing($"'{program}' is not on PATH; .ci/run installs it.");
        }

        return path!;
    }

    public static string? FindProgram(string program, params string[] extraDirectories)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Gates the test on a reachable Docker daemon (<c>docker info</c> succeeds).</summary>
    public static void DockerDaemon()
    {
        var docker = Program("docker");
        var result = ProcessRunner.Run(docker, ["info", "--format", "{{.ServerVersion}}"], timeout: TimeSpan.FromSeconds(20));
        if (result.ExitCode != 0)
        {
            Missing($"no Docker daemon answers 'docker info' ({result.StandardError.Trim()}); .ci/run starts dockerd.");
        }
    }
}
