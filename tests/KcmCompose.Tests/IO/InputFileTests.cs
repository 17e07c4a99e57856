using System.Diagnostics;
using System.Net.Sockets;
using KcmCompose.IO;

namespace KcmCompose.Tests.IO;

public sealed class InputFileTests
{
    private string _folder = null!;

    [SetUp]
    public void SetUp() => _folder = Directory.CreateTempSubdirectory("kcm-input-file-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task ReadAllBytesAsync_RegularFileThroughLink_ReturnsContent()
    {
        var file = Path.Combine(_folder, "a.env");
        await File.WriteAllTextAsync(file, "A=1\n");
        var link = Path.Combine(_folder, "link.env");
        File.CreateSymbolicLink(link, file);

        (await InputFile.ReadAllBytesAsync(link, InputFileKind.Env, CancellationToken.None)).Should().Equal("A=1\n"u8.ToArray());
    }

    [TestCase("/dev/zero", "a character device")]
    [TestCase("/dev/null", "a character device")]
    [TestCase("/", "a folder")]
    public void ReadAllBytes_NotRegular_RefusedNamingWhatItIs(string path, string what)
    {
        var act = () => InputFile.ReadAllBytes(path, InputFileKind.Env);

        act.Should().Throw<InputFileException>().WithMessage($"'{path}' is {what}, not a regular file; give the path of the env file itself");
    }

    [Test]
    public async Task ReadAllBytesAsync_FifoWithoutWriter_RefusedAtOnce()
    {
        var fifo = Path.Combine(_folder, "fifo");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync();
        }

        var act = () => InputFile.ReadAllBytesAsync(fifo, InputFileKind.Compose, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        (await act.Should().ThrowAsync<InputFileException>()).Which.Problem.Should().Contain("a FIFO (named pipe)");
    }

    [Test]
    public void ReadAllBytes_Socket_Refused()
    {
        var path = Path.Combine(_folder, "s.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));

        var act = () => InputFile.ReadAllBytes(path, InputFileKind.Certificate);

        act.Should().Throw<InputFileException>().Which.Problem.Should().Contain("a socket");
    }

    [Test]
    public async Task ReadAllBytesAsync_AboveKindLimit_RefusedBeforeReading()
    {
        var file = Path.Combine(_folder, "pass.txt");
        await File.WriteAllBytesAsync(file, new byte[InputFile.LimitOf(InputFileKind.Passphrase) + 1]);

        var act = () => InputFile.ReadAllBytesAsync(file, InputFileKind.Passphrase, CancellationToken.None);

        (await act.Should().ThrowAsync<InputFileException>()).WithMessage($"'{file}' is 4097 bytes, above the 4 KiB limit for a passphrase file; *");
    }

    [Test]
    public void ReadAllBytes_MoreContentThanStatSize_StopsAtLimitWhileReading()
    {
        // /proc files report size 0 but have content: the same as a file that grows after it was measured.
        var act = () => InputFile.ReadAllBytes("/proc/self/status", InputFileKind.Passphrase, limit: 64);

        act.Should().Throw<InputFileException>().Which.Problem.Should().Contain("grew past 64 bytes while being read");
    }

    [Test]
    public void ReadAllBytes_Missing_ThrowsFileNotFound()
    {
        var act = () => InputFile.ReadAllBytes(Path.Combine(_folder, "none"), InputFileKind.Env);

        act.Should().Throw<FileNotFoundException>();
    }

    [Test]
    public void UnixFileStatusOf_DevZero_IsCharacterDevice()
    {
        UnixFileStatus.IsSupported.Should().BeTrue("statx is in glibc since 2.28");
        UnixFileStatus.Of("/dev/zero").Type.Should().Be(UnixFileType.CharacterDevice);
    }
}
