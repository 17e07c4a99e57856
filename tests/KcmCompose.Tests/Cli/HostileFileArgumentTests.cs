using System.Diagnostics;
using KcmCompose.Cli;
using KcmCompose.Tests.Kcm;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Cli;

/// <summary>
/// Every command, for every file it reads from an argument or option, given a character device, a link to one, a
/// FIFO without a writer and a folder: exit 2 within a bound, one line naming the file, no stack trace.
/// Commands are listed from <see cref="CommandCatalog"/> so a new one cannot be left out.
/// </summary>
[NonParallelizable]
public sealed class HostileFileArgumentTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Each case: the command path and its arguments, with {F} where the hostile file goes.</summary>
    private static readonly (string Command, string[] Args)[] Cases =
    [
        ("emit", ["emit", "--hostname", "kcm.example.com", "--additional-nginx-config-file", "{F}"]),
        ("validate", ["validate", "{F}"]),
        ("validate", ["validate", "{COMPOSE}", "--env-file", "{F}"]),
        ("ca create", ["ca", "create", "--dir", "{NEW}", "--key", "p256", "--passphrase-file", "{F}"]),
        ("client issue", ["client", "issue", "alice", "--ca-dir", "{CA}", "--key", "p256", "--pfx-passphrase-file", "{F}"]),
        ("client issue", ["client", "issue", "alice", "--ca-dir", "{CA}", "--key", "p256", "--ca-passphrase-file", "{F}"]),
        ("client issue", ["client", "issue", "alice", "--ca-dir", "{CA:ca.key}", "--key", "p256", "--pfx-passphrase-file", "{PASS}"]),
        ("client sign", ["client", "sign", "{F}", "--ca-dir", "{CA}", "--output", "{NEW}"]),
        ("client sign", ["client", "sign", "{CSR}", "--ca-dir", "{CA}", "--output", "{NEW}", "--ca-passphrase-file", "{F}"]),
        ("client list", ["client", "list", "--ca-dir", "{CA:index.json}"]),
        ("client revoke", ["client", "revoke", "bob", "--ca-dir", "{CA:index.json}"]),
        ("client renew", ["client", "renew", "bob", "--ca-dir", "{CA}", "--pfx-passphrase-file", "{F}"]),
        ("client renew", ["client", "renew", "bob", "--ca-dir", "{CA}", "--pfx-passphrase-file", "{PASS}", "--ca-passphrase-file", "{F}"]),
        ("client request", ["client", "request", "carol", "--out-dir", "{NEWDIR}", "--key", "p256", "--passphrase-file", "{F}"]),
        ("crl", ["crl", "--ca-dir", "{CA}", "--output", "{NEW}", "--ca-passphrase-file", "{F}"]),
        ("crl", ["crl", "--ca-dir", "{CA:ca.crt}", "--output", "{NEW}"]),
        ("apply", ["apply", "{F}", "--timeout", "5s"]),
        ("restart", ["restart", "{F}", "--timeout", "5s"]),
        ("apply", ["apply", "{ENV_FILE_COMPOSE}", "--timeout", "5s", "--skip-validation"]),
        ("restart", ["restart", "{ENV_FILE_COMPOSE}", "--timeout", "5s", "--skip-validation"]),
        ("check-client", ["check-client", "{F}", "{COMPOSE}"]),
        ("check-client", ["check-client", "{CERT}", "{F}"]),
        ("verify", ["verify", "https://127.0.0.1:9/", "--insecure", "--client-pfx", "{F}", "--pfx-passphrase-file", "{PASS}"]),
        ("verify", ["verify", "https://127.0.0.1:9/", "--insecure", "--client-pfx", "{PFX}", "--pfx-passphrase-file", "{F}"]),
        ("verify", ["verify", "https://127.0.0.1:9/", "--insecure", "--client-cert", "{F}", "--client-key", "{KEY}", "--pfx-passphrase-file", "{PASS}"]),
        ("verify", ["verify", "https://127.0.0.1:9/", "--insecure", "--client-cert", "{CERT}", "--client-key", "{F}", "--pfx-passphrase-file", "{PASS}"]),
        ("verify", ["verify", "https://127.0.0.1:9/", "--server-ca", "{F}", "--client-pfx", "{PFX}", "--pfx-passphrase-file", "{PASS}"]),
        ("client-auth enable", ["client-auth", "enable", "{F}", "--client-ca", "/opt/ca.pem"]),
        ("client-auth enable", ["client-auth", "enable", "{COMPOSE}", "--client-ca", "/opt/ca.pem", "--additional-nginx-config-file", "{F}"]),
        ("client-auth disable", ["client-auth", "disable", "{F}"]),
    ];

    /// <summary>
    /// Paths that are mounted, not read (emit's and client-auth's --client-ca, --certificate, --private-key): exit 0
    /// with one warning line naming the file, which Docker would otherwise mount as it is.
    /// </summary>
    private static readonly (string Command, string[] Args)[] MountedCases =
    [
        ("emit", ["emit", "--hostname", "kcm.example.com", "--client-ca", "{F}"]),
        ("emit", ["emit", "--hostname", "kcm.example.com", "--tls", "certificate", "--certificate", "{F}", "--private-key", "{KEY}"]),
        ("emit", ["emit", "--hostname", "kcm.example.com", "--tls", "certificate", "--certificate", "{CERT}", "--private-key", "{F}"]),
        ("client-auth enable", ["client-auth", "enable", "{COMPOSE_COPY}", "--client-ca", "{F}"]),
    ];

    /// <summary>
    /// Commands that read no file: named so that the catalog check below knows them. Options that name a file to write
    /// (--output, --save-passphrase) or a folder (--dir, --ca-dir, --out-dir) are not in the table; the files read inside a
    /// CA folder are (the {CA:name} cases).
    /// </summary>
    /// <remarks>
    /// init reads only files it wrote itself inside its folder (with --force: .env and the passphrase files), through the
    /// same bounded reads; InitCommandTests covers a FIFO in place of .env.
    /// </remarks>
    private static readonly string[] ReadNoFile = ["version", "help", "completion", "init"];

    private static readonly string[] Kinds = ["char-device", "link-to-char-device", "fifo", "link-to-fifo", "folder"];

    private string _folder = null!;
    private string _ca = null!;
    private string _pass = null!;
    private string _compose = null!;
    private int _fresh;

    [OneTimeSetUp]
    public async Task CreatePki()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-hostile-args-").FullName;
        _ca = Path.Combine(_folder, "ca");
        _pass = Path.Combine(_folder, "pass.txt");
        await File.WriteAllTextAsync(_pass, "correct horse battery staple\n");
        _compose = Path.Combine(_folder, "docker-compose.yml");
        await File.WriteAllTextAsync(_compose, ClientAuthenticationEditorTests.MapStyle);
        await Succeed("ca", "create", "--dir", _ca, "--key", "p256", "--no-passphrase");
        await Succeed("client", "issue", "bob", "--ca-dir", _ca, "--key", "p256", "--pfx-passphrase-file", _pass);
        await Succeed("client", "request", "dave", "--out-dir", _folder, "--key", "p256", "--passphrase-file", _pass);
        RunProgram("mkfifo", Path.Combine(_folder, "fifo"));
        File.CreateSymbolicLink(Path.Combine(_folder, "zero-link"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(_folder, "fifo-link"), Path.Combine(_folder, "fifo"));
        Directory.CreateDirectory(Path.Combine(_folder, "folder"));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<TestCaseData> All() =>
        from c in Cases
        from kind in Kinds
        select new TestCaseData(kind, c.Args).SetArgDisplayNames($"{c.Command} {string.Join(' ', c.Args.Skip(c.Command.Count(ch => ch == ' ') + 1).Where(a => a.StartsWith("--", StringComparison.Ordinal) || a.Contains('{', StringComparison.Ordinal)))} [{kind}]");

    public static IEnumerable<TestCaseData> Mounted() =>
        from c in MountedCases
        from kind in Kinds
        select new TestCaseData(kind, c.Args).SetArgDisplayNames($"{c.Command} {string.Join(' ', c.Args.Where(a => a.Contains('{', StringComparison.Ordinal)))} [{kind}]");

    [TestCaseSource(nameof(Mounted))]
    public async Task Run_HostileMountSource_ExitsZeroWithOneWarningNamingTheFile(string kind, string[] template)
    {
        var hostile = Hostile(kind);
        var args = template.Select(a => Expand(a, hostile)).ToArray();

        var (exit, output, error) = await Bounded(Task.Run(() => CliRunner.RunAsync(args)));

        exit.Should().Be(ExitCodes.Success, error);
        error.Should().NotContain("   at ");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle($"one line: {error}");
        lines[0].Should().Contain("warning").And.Contain($"'{hostile}' is ").And.Contain("not a regular file");
    }

    [Test]
    public void Cases_CoverEveryCommandInTheCatalog()
    {
        var covered = Cases.Select(c => c.Command.Split(' ')[0]).Concat(ReadNoFile).ToHashSet();
        CommandCatalog.Create().Select(c => c.Name).Should().BeSubsetOf(covered);
    }

    [TestCaseSource(nameof(All))]
    public async Task Run_HostileFile_ExitsTwoWithOneLineNamingTheFile(string kind, string[] template)
    {
        var hostile = Hostile(kind);
        var args = template.Select(a => Expand(a, hostile)).ToArray();
        // Inside a CA folder the message names the folder's file, which links to the hostile one.
        var named = template.FirstOrDefault(a => a.StartsWith("{CA:", StringComparison.Ordinal)) is { } inFolder
            ? Path.Combine(args[Array.IndexOf(template, inFolder)], inFolder[4..^1])
            : hostile;

        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => CliRunner.RunAsync(args));
        var (exit, output, error) = await Bounded(run);

        watch.Elapsed.Should().BeLessThan(Bound);
        error.Should().NotContain("   at ", "no stack trace");
        exit.Should().Be(ExitCodes.Usage, $"stdout: {output}\nstderr: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle($"one line: {error}");
        lines[0].Should().StartWith("kcm-compose").And.Contain(named);
    }

    private string Hostile(string kind) => kind switch
    {
        "char-device" => "/dev/zero",
        "link-to-char-device" => Path.Combine(_folder, "zero-link"),
        "fifo" => Path.Combine(_folder, "fifo"),
        "link-to-fifo" => Path.Combine(_folder, "fifo-link"),
        _ => Path.Combine(_folder, "folder"),
    };

    private async Task<(int, string, string)> Bounded(Task<(int, string, string)> run)
    {
        try
        {
            return await run.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            // Free the reader blocked on the FIFO so the test host can end, then fail.
            RunProgram("timeout", ["2", "sh", "-c", $"exec 3>'{Path.Combine(_folder, "fifo")}'"], ignoreExit: true);
            throw new AssertionException($"the command did not finish within {Bound.TotalSeconds} s");
        }
    }

    private string Expand(string argument, string hostile)
    {
        switch (argument)
        {
            case "{F}": return hostile;
            case "{PASS}": return _pass;
            case "{COMPOSE}": return _compose;
            case "{CA}": return _ca;
            case "{CERT}": return Path.Combine(_ca, "clients", "bob.crt");
            case "{KEY}": return Path.Combine(_ca, "clients", "bob.key");
            case "{PFX}": return Path.Combine(_ca, "clients", "bob.pfx");
            case "{CSR}": return Path.Combine(_folder, "dave.csr");
            case "{ENV_FILE_COMPOSE}":
                // A compose file whose proxy reads its environment from the hostile file (env_file:).
                var composeFile = Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, $"env-{Interlocked.Increment(ref _fresh)}")).FullName, "docker-compose.yml");
                File.WriteAllText(composeFile, ClientAuthenticationEditorTests.MapStyle.Replace("    environment:", $"    env_file: {hostile}\n    environment:", StringComparison.Ordinal));
                return composeFile;
            case "{COMPOSE_COPY}":
                var copy = Path.Combine(_folder, $"compose-{Interlocked.Increment(ref _fresh)}.yml");
                File.Copy(_compose, copy);
                return copy;
            case "{NEW}": return Path.Combine(_folder, $"new-{Interlocked.Increment(ref _fresh)}");
            case "{NEWDIR}": return Directory.CreateDirectory(Path.Combine(_folder, $"dir-{Interlocked.Increment(ref _fresh)}")).FullName;
        }

        if (argument.StartsWith("{CA:", StringComparison.Ordinal))
        {
            // A copy of the CA folder whose named file is replaced by a link to the hostile file.
            var name = argument[4..^1];
            var copy = Path.Combine(_folder, $"ca-{Interlocked.Increment(ref _fresh)}");
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(_ca))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            File.Delete(Path.Combine(copy, name));
            File.CreateSymbolicLink(Path.Combine(copy, name), hostile);
            return copy;
        }

        return argument;
    }

    private static async Task Succeed(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);
        exit.Should().Be(0, error);
    }

    private static void RunProgram(string program, params string[] arguments) => RunProgram(program, arguments, ignoreExit: false);

    private static void RunProgram(string program, string[] arguments, bool ignoreExit)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit(10_000).Should().BeTrue();
        if (!ignoreExit)
        {
            process.ExitCode.Should().Be(0);
        }
    }
}
