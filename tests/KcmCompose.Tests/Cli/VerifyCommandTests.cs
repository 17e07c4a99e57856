using KcmCompose.Cli;

namespace KcmCompose.Tests.Cli;

/// <summary>Usage errors of <c>kcm-compose verify</c>, in-process; the live cases are integration tests.</summary>
[NonParallelizable]
public class VerifyCommandTests
{
    [TestCase(new[] { "verify", "http://127.0.0.1:1/", "--client-pfx", "a.pfx", "--insecure" }, "not an https:// URL")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--insecure" }, "--client-pfx F, or as --client-cert F with --client-key F")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--client-cert", "a.crt", "--insecure" }, "--client-key")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--client-pfx", "a.pfx", "--client-cert", "a.crt", "--client-key", "a.key" }, "--client-pfx F, or")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--client-pfx", "a.pfx", "--timeout", "0.5s" }, "1 s or more")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--client-pfx", "a.pfx", "--server-ca", "ca.crt", "--insecure" }, "not both")]
    [TestCase(new[] { "verify", "https://127.0.0.1:1/", "--client-pfx", "/nonexistent/a.pfx", "--insecure" }, "cannot read '/nonexistent/a.pfx'")]
    public async Task Verify_BadArguments_ExitsTwoWithOneLine(string[] args, string expected)
    {
        var (code, stdout, stderr) = await RunAsync(args);

        code.Should().Be(2, stderr);
        stdout.Should().BeEmpty();
        stderr.Should().Contain(expected);
        stderr.Trim().Split('\n').Should().ContainSingle();
        stderr.Should().NotContain("   at ");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var code = await CliApp.RunAsync(args);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
