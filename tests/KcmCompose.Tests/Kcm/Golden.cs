using System.Runtime.CompilerServices;

namespace KcmCompose.Tests.Kcm;

/// <summary>
/// Golden files: compares text with <c>Snapshots/NAME.verified.yaml</c> beside this source file. On a mismatch (or a
/// missing file) it writes <c>NAME.received.yaml</c> next to it and fails; accept a change by renaming received to verified.
/// </summary>
internal static class Golden
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.yaml");
        var received = Path.Combine(folder, name + ".received.yaml");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : null;
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, actual);
        var hint = expected is null
            ? $"No golden file yet: review {received} and rename it to {Path.GetFileName(verified)}."
            : $"Output differs from {verified} at line {FirstDifferentLine(expected, actual)}; compare with: diff -u '{verified}' '{received}' (rename received to verified to accept).";
        Assert.Fail(hint);
    }

    /// <summary>The repository root (the folder holding KcmCompose.sln), found from this source file.</summary>
    public static string RepositoryRoot([CallerFilePath] string callerFile = "")
    {
        var folder = Path.GetDirectoryName(callerFile);
        while (folder is not null && !File.Exists(Path.Combine(folder, "KcmCompose.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("KcmCompose.sln not found above " + callerFile);
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1;
    }
}
