using System.Diagnostics;
using System.Net.Sockets;
using KcmCompose.Certificates;

namespace KcmCompose.Tests.Certificates;

/// <summary>
/// Nothing hangs or crashes on hostile input: each case ends with a status (never an exception) within a bound.
/// Tests run as root, so "unreadable" uses things root cannot read either: a write-only sysfs attribute
/// (the kernel refuses reads with EACCES whatever the capabilities), a FIFO without a writer, a socket.
/// </summary>
public class CaFileHostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private string folder = string.Empty;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("kcm-cacheck-hostile-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public async Task AnalyzeFileAsync_Folder_IsUnreadable()
    {
        (await Analyze(folder)).Status.Should().Be(CaFileStatus.Unreadable);
    }

    [Test]
    public async Task AnalyzeFileAsync_SymlinkLoop_IsUnreadableOrMissing()
    {
        var a = Path.Combine(folder, "a.pem");
        var b = Path.Combine(folder, "b.pem");
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);

        var analysis = await Analyze(a);

        analysis.Status.Should().BeOneOf(CaFileStatus.Unreadable, CaFileStatus.Missing);
        analysis.Problem.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task AnalyzeFileAsync_FifoWithoutWriter_IsUnreadableAtOnce()
    {
        var fifo = Path.Combine(folder, "ca.pem");
        RunProgram("mkfifo", fifo);

        var analysis = await Analyze(fifo);

        analysis.Status.Should().Be(CaFileStatus.Unreadable);
        analysis.Problem.Should().Contain("not a regular file");
    }

    [Test]
    public async Task AnalyzeFileAsync_UnixSocket_IsUnreadable()
    {
        var path = Path.Combine(folder, "ca.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        (await Analyze(path)).Status.Should().Be(CaFileStatus.Unreadable);
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task AnalyzeFileAsync_WriteOnlySysfsAttribute_IsUnreadableEvenForRoot()
    {
        var candidate = Directory.Exists("/sys/bus")
            ? Directory.EnumerateFiles("/sys/bus", "uevent", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2, IgnoreInaccessible = true })
                .FirstOrDefault(f => (File.GetUnixFileMode(f) & (UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead)) == 0)
            : null;
        if (candidate is null)
        {
            const string reason = "No write-only sysfs attribute (/sys/bus/*/uevent) on this machine.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"Required under CI=true: {reason}");
            }

            Assert.Ignore(reason);
        }

        var analysis = await Analyze(candidate!);

        analysis.Status.Should().Be(CaFileStatus.Unreadable, analysis.Problem);
    }

    [Test]
    public async Task AnalyzeFileAsync_DevZero_StopsAtTheSizeLimit()
    {
        var analysis = await Analyze("/dev/zero");

        analysis.Status.Should().Be(CaFileStatus.Unreadable);
    }

    [Test]
    public async Task AnalyzeFileAsync_FiftyMegabytesOfGarbage_IsNotPemQuickly()
    {
        var path = Path.Combine(folder, "big.pem");
        var bytes = new byte[50 * 1024 * 1024];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);

        var analysis = await Analyze(path);

        analysis.Status.Should().Be(CaFileStatus.NotPem);
        analysis.Length.Should().Be(bytes.Length);
    }

    [Test]
    public async Task AnalyzeFileAsync_FiftyMegabytesOfCertificates_IsAnalyzedWithinTheBound()
    {
        var path = Path.Combine(folder, "many.pem");
        var keys = TestPki.NewRsa(2048);
        var roots = Enumerable.Range(0, 20).Select(i => TestPki.Root($"CN=Many {i}", DateTimeOffset.UtcNow, keys).Pem).ToList();
        await using (var writer = new StreamWriter(path))
        {
            for (var i = 0; writer.BaseStream.Length < 50L * 1024 * 1024; i++)
            {
                await writer.WriteAsync(roots[i % roots.Count]);
            }
        }

        var analysis = await Analyze(path);

        analysis.Status.Should().Be(CaFileStatus.Loadable);
        analysis.Certificates.Length.Should().Be(20, "a repeated certificate is one trust anchor");
    }

    [Test]
    public async Task AnalyzeFileAsync_Over64MiB_IsUnreadable()
    {
        var path = Path.Combine(folder, "huge.pem");
        await using (var stream = File.Create(path))
        {
            stream.SetLength(CaFileReaderLimit + 1);
        }

        (await Analyze(path)).Status.Should().Be(CaFileStatus.Unreadable);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    public void Analyze_RandomBinary_NeverThrows(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                // Half the cases look like PEM, with random base64-ish bodies, to reach the DER parser.
                var body = Convert.ToBase64String(bytes);
                bytes = TestPki.Bytes($"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n");
            }

            var analysis = CaFile.Analyze(bytes);
            analysis.Status.Should().Be(CaFileStatus.NotPem);
        }
    }

    private const long CaFileReaderLimit = 64L * 1024 * 1024;

    private static async Task<CaFileAnalysis> Analyze(string path)
    {
        var watch = Stopwatch.StartNew();
        var analysis = await CaFile.AnalyzeFileAsync(path).WaitAsync(Bound);
        watch.Elapsed.Should().BeLessThan(Bound);
        return analysis;
    }

    private static void RunProgram(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit(10_000).Should().BeTrue();
        process.ExitCode.Should().Be(0);
    }
}
