namespace KcmCompose.Certificates;

/// <summary>
/// An exclusive lock on a CA folder (<c>DIR/.lock</c>, an advisory lock the OS drops when the process ends), so two
/// processes issuing at once cannot lose each other's index entries.
/// </summary>
internal static class PkiLock
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static async Task<IDisposable> AcquireAsync(string directory, TimeProvider time, CancellationToken cancellationToken, bool create = false)
    {
        if (create)
        {
            PkiFiles.EnsureFolder(directory, isPrivate: false);
        }
        else if (!Directory.Exists(directory))
        {
            throw PkiException.MissingFolder(directory, $"no CA folder '{directory}': create one with 'kcm-compose ca create --dir {directory}'");
        }

        var path = Path.Combine(directory, ".lock");
        var deadline = time.GetUtcNow() + Wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new PkiException($"CA folder '{directory}' stayed locked by another kcm-compose for {Wait.TotalSeconds:F0} s ({path}): wait for it to finish", e);
            }
        }
    }
}
