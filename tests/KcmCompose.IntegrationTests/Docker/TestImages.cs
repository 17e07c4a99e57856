using System.Runtime.CompilerServices;
using KcmCompose.IntegrationTests.Infrastructure;

namespace KcmCompose.IntegrationTests.Docker;

/// <summary>Builds the local stand-in images once per test run (the script keeps images whose content is unchanged).</summary>
public static class TestImages
{
    private static readonly Lock Gate = new();
    private static bool _built;

    public const string Proxy = "keeper/guacamole-ssl-nginx:2";

    public static string ImagesDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Images");

    public static void EnsureBuilt()
    {
        lock (Gate)
        {
            if (_built)
            {
                return;
            }

            var result = ProcessRunner.Run("bash", [Path.Combine(ImagesDirectory(), "build-images.sh")], timeout: TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                Assert.Fail($"Building the test images failed:\n{result}");
            }

            _built = true;
        }
    }
}
