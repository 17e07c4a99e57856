using System.Text;
using System.Text.RegularExpressions;

namespace KcmCompose.Certificates;

/// <summary>
/// A set of files written together: every file goes to a temporary name in its own folder first (flushed to disk),
/// and only when all of them are written are they renamed into place, in the order they were added. Secrets are
/// created 0600 from the start. A process killed part-way leaves some files renamed and the rest as temporary files
/// (<c>.NAME.GUID.tmp</c>), so callers add first what makes the later files safe (the CA index before a certificate,
/// a key before its certificate); <see cref="RemoveTemporaryFiles"/> clears the leftovers at the next run.
/// </summary>
internal sealed partial class PkiFiles
{
    private const UnixFileMode SecretMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PublicMode = SecretMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateFolderMode = SecretMode | UnixFileMode.UserExecute;
    private const UnixFileMode PublicFolderMode = PrivateFolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly List<PendingFile> _files = [];

    /// <summary>
    /// Test hook (fault injection): asked with the target path before each rename; returning true stops the commit right
    /// there as a killed process would, leaving earlier renames done and every other temporary file in place.
    /// </summary>
    internal static AsyncLocal<Func<string, bool>?> InterruptBeforeRename { get; } = new();

    public IReadOnlyList<string> Paths => _files.Select(f => f.Path).ToList();

    public void AddSecret(string path, string text) => _files.Add(new PendingFile(path, Encoding.UTF8.GetBytes(text), Secret: true));

    public void AddSecret(string path, byte[] content) => _files.Add(new PendingFile(path, content, Secret: true));

    public void AddPublic(string path, string text) => _files.Add(new PendingFile(path, Encoding.UTF8.GetBytes(text), Secret: false));

    /// <summary>Refuses (nothing written yet) when one of the protected targets exists and <paramref name="force"/> is false.</summary>
    public static void RefuseExisting(bool force, IEnumerable<string> protectedPaths, string advice)
    {
        if (force)
        {
            return;
        }

        var existing = protectedPaths.FirstOrDefault(File.Exists);
        if (existing is not null)
        {
            throw new PkiException($"'{existing}' already exists and is not overwritten: {advice}");
        }
    }

    /// <summary>Creates <paramref name="folder"/> (0700 when <paramref name="isPrivate"/>, else 0755) if it does not exist.</summary>
    public static void EnsureFolder(string folder, bool isPrivate)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, isPrivate ? PrivateFolderMode : PublicFolderMode);
        }
    }

    /// <summary>Deletes the temporary files an interrupted <see cref="CommitAsync"/> left in <paramref name="folder"/>; returns their paths.</summary>
    public static IReadOnlyList<string> RemoveTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            if (TemporaryName().IsMatch(Path.GetFileName(path)))
            {
                File.Delete(path);
                removed.Add(path);
            }
        }

        return removed;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var written = new List<(string Temporary, string Target)>();
        var interrupted = false;
        try
        {
            foreach (var file in _files)
            {
                var temporary = TemporaryPath(file.Path);
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = file.Secret ? SecretMode : PublicMode;
                }

                written.Add((temporary, file.Path));
                var stream = new FileStream(temporary, options);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(file.Content, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (temporary, target) in written)
            {
                if (InterruptBeforeRename.Value?.Invoke(target) == true)
                {
                    interrupted = true;
                    throw new OperationCanceledException($"interrupted before renaming '{target}' (test hook)");
                }

                File.Move(temporary, target, overwrite: true);
            }

            written.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PkiException($"cannot write '{written.LastOrDefault().Target}': {e.Message}", e);
        }
        finally
        {
            foreach (var (temporary, _) in interrupted ? [] : written)
            {
                File.Delete(temporary);
            }
        }
    }

    private static string TemporaryPath(string target) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp\z")]
    private static partial Regex TemporaryName();

    private sealed record PendingFile(string Path, byte[] Content, bool Secret);
}
