using System.Runtime.CompilerServices;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Packaging;

/// <summary>
/// Runs the real <c>dotnet</c> as a user would: without the MSBuild and test-host variables of the running test
/// process, without build servers left behind, and with the command's whole output in the failure message.
/// </summary>
public static class DotnetCli
{
    public static string RepositoryRoot([CallerFilePath] string callerFile = "")
    {
        var folder = Path.GetDirectoryName(callerFile);
        while (folder is not null && !File.Exists(Path.Combine(folder, "KcmCompose.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("KcmCompose.sln not found above " + callerFile);
    }

    /// <summary>The process environment minus what <c>dotnet test</c> set for its own MSBuild and test host, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase) || key is "DOTNET_HOST_PATH")
            {
                environment[key] = null;
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/> and returns what it printed.</summary>
    public static ProcessResult Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, Environment(environment), timeout: timeout ?? TimeSpan.FromMinutes(5));

    /// <summary>Like <see cref="Run"/>, and fails the test with the whole output unless <c>dotnet</c> exits 0.</summary>
    public static ProcessResult Succeed(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        var result = Run(workingDirectory, list, environment, timeout);
        if (result.ExitCode != 0)
        {
            Assert.Fail($"'dotnet {string.Join(' ', list)}' in {workingDirectory} failed:\n{result}");
        }

        return result;
    }
}
