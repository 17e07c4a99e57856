using KcmCompose.Compose;
using KcmCompose.IO;
using KcmCompose.Kcm;
using KcmCompose.Tests.Validation;

namespace KcmCompose.Tests.Kcm;

/// <summary>
/// In-place edits keep what the operator set on the file (owner, group, mode), refuse a read-only file unless forced,
/// and never overwrite a change another writer made between the read and the write. Tests run as root (CI does), which
/// is where a changed owner hurt: the file became root's.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClientAuthenticationEditorFileTests
{
    private static readonly ClientAuthentication Settings = ClientAuthentication.FromCaFile("/opt/ca.pem");

    private string _folder = null!;
    private string _file = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-edit-file-").FullName;
        _file = Path.Combine(_folder, "docker-compose.yml");
        File.WriteAllText(_file, ClientAuthenticationEditorTests.MapStyle);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task EnableFileAsync_FileOfAnotherOwner_KeepsOwnerGroupAndMode()
    {
        UnixFileStatus.SetOwner(_file, 1234, 2345);
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(_file, Mode);

        var result = await ClientAuthenticationEditor.EnableFileAsync(_file, Settings);

        result.Written.Should().BeTrue(result.Message);
        var status = UnixFileStatus.Of(_file);
        (status.Uid, status.Gid).Should().Be((1234u, 2345u));
        File.GetUnixFileMode(_file).Should().Be(Mode);
        (await File.ReadAllTextAsync(_file)).Should().Contain("CLIENT_CERTIFICATE_FILE");
    }

    [Test]
    public async Task EnableFileAsync_ReadOnlyFile_RefusedAndUntouched()
    {
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await ClientAuthenticationEditor.EnableFileAsync(_file, Settings);

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Message.Should().Contain(_file).And.Contain("read-only (mode 0444)").And.Contain("--force");
        (await File.ReadAllTextAsync(_file)).Should().Be(ClientAuthenticationEditorTests.MapStyle);
    }

    [Test]
    public async Task EnableFileAsync_ReadOnlyFileForced_WrittenAndStillReadOnly()
    {
        const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(_file, ReadOnly);

        var result = await ClientAuthenticationEditor.EnableFileAsync(_file, Settings, new ComposeFileEditOptions { Force = true });

        result.Written.Should().BeTrue(result.Message);
        File.GetUnixFileMode(_file).Should().Be(ReadOnly);
    }

    [Test]
    public async Task EnableFileAsync_FileChangedBetweenReadAndWrite_RefusedAndOtherWriterKept()
    {
        var other = ClientAuthenticationEditorTests.MapStyle + "# added by another writer\n";
        var options = new ComposeFileEditOptions
        {
            Backup = true,
            BeforeReplace = path => File.WriteAllText(path, other),
        };

        var result = await ClientAuthenticationEditor.EnableFileAsync(_file, Settings, options);

        result.Status.Should().Be(ComposeEditStatus.Refused);
        result.Written.Should().BeFalse();
        result.Message.Should().Contain("changed while it was being edited").And.Contain("nothing written");
        (await File.ReadAllTextAsync(_file)).Should().Be(other);
        Directory.GetFiles(_folder).Should().ContainSingle("no temporary file or backup is left behind");
    }

    [Test]
    public async Task EnableFileAsync_FileUnchangedWhileEditing_Written()
    {
        var calls = 0;
        var options = new ComposeFileEditOptions { BeforeReplace = _ => calls++ };

        var result = await ClientAuthenticationEditor.EnableFileAsync(_file, Settings, options);

        result.Written.Should().BeTrue(result.Message);
        calls.Should().Be(1);
    }

    [Test]
    public async Task ClientAuthEnable_ReadOnlyFile_ExitOneThenForceWrites()
    {
        File.SetUnixFileMode(_file, UnixFileMode.UserRead);

        var refused = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem");
        var forced = await CliRunner.RunAsync("client-auth", "enable", _file, "--client-ca", "/opt/ca.pem", "--force");

        refused.Exit.Should().Be(1);
        refused.Error.Should().Contain("read-only");
        forced.Exit.Should().Be(0, forced.Error);
        (await File.ReadAllTextAsync(_file)).Should().Contain("CLIENT_CERTIFICATE_FILE");
        File.GetUnixFileMode(_file).Should().Be(UnixFileMode.UserRead);
    }
}
