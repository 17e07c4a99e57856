using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Certificates;

/// <summary>Runs the real kcm-compose program (the built CLI assembly under <c>dotnet</c>) and openssl.</summary>
internal static class PkiCli
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "kcm-compose.dll");

    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", [Assembly, .. arguments], workingDirectory, timeout: TimeSpan.FromMinutes(2));

    public static ProcessResult Openssl(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run(Requires.Program("openssl"), arguments, workingDirectory, timeout: TimeSpan.FromMinutes(2));

    public static ProcessResult Succeeds(ProcessResult result)
    {
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }

    /// <summary>A refusal: exit 1, exactly one line on standard error, no stack trace.</summary>
    public static string RefusedInOneLine(ProcessResult result)
    {
        result.ExitCode.Should().Be(1, result.ToString());
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle(result.ToString());
        result.StandardError.Should().NotContain("   at ").And.NotContain("Exception");
        return lines[0];
    }
}
