using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using KcmCompose.Certificates;

namespace KcmCompose.Benchmarks;

/// <summary>
/// <c>--pki-vs-openssl [N]</c>: in one run, N (at least 15) RSA-4096 CA creations against N runs of
/// <c>openssl genrsa 4096</c>, interleaved so both see the same machine load; prints both medians and the ratio,
/// then the warm median of an ECDSA P-256 CA plus one client. BenchmarkDotNet cannot time an external program well.
/// </summary>
public static class PkiVsOpenssl
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Math.Max(15, args.SkipWhile(a => a != "--pki-vs-openssl").Skip(1).Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault());
        var root = Directory.CreateTempSubdirectory("kcm-pki-vs-openssl-").FullName;
        try
        {
            var folder = 0;
            string Next() => Path.Combine(root, $"ca{folder++}");

            // Warm up both (JIT, OpenSSL's first load).
            Openssl(root);
            await new CertificateAuthority(Next()).CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.Rsa4096, Passphrase = "bench" }).ConfigureAwait(false);

            var ours = new List<double>();
            var theirs = new List<double>();
            var oursCpu = new List<double>();
            var keygenCpu = new List<double>();
            var theirsCpu = new List<double>();
            using var me = Process.GetCurrentProcess();
            for (var i = 0; i < count; i++)
            {
                var childrenBefore = ChildrenCpuMilliseconds();
                theirs.Add(Openssl(root));
                theirsCpu.Add(ChildrenCpuMilliseconds() - childrenBefore);
                me.Refresh();
                var cpuBefore = me.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await new CertificateAuthority(Next()).CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.Rsa4096, Passphrase = "bench" }).ConfigureAwait(false);
                ours.Add(watch.Elapsed.TotalMilliseconds);
                me.Refresh();
                oursCpu.Add((me.TotalProcessorTime - cpuBefore).TotalMilliseconds);

                // The bare platform key generation our CA creation starts with, to separate its share from our overhead.
                me.Refresh();
                cpuBefore = me.TotalProcessorTime;
                using (var rsa = System.Security.Cryptography.RSA.Create(4096))
                {
                    rsa.ExportParameters(includePrivateParameters: false);
                }

                me.Refresh();
                keygenCpu.Add((me.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                Console.Error.Write('.');
            }

            Console.Error.WriteLine();
            var ecdsa = new List<double>();
            var ecdsaCpu = new List<double>();
            using var self = Process.GetCurrentProcess();
            for (var i = 0; i < count + 5; i++)
            {
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var ca = new CertificateAuthority(Next());
                await ca.CreateAsync(new CaCreationOptions { Key = KeyAlgorithm.EcdsaP256, Passphrase = "bench" }).ConfigureAwait(false);
                await ca.IssueClientAsync(new ClientIssueOptions { Name = "client", CaPassphrase = "bench", Passphrase = "client", Key = KeyAlgorithm.EcdsaP256 }).ConfigureAwait(false);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                self.Refresh();
                if (i >= 5)
                {
                    ecdsa.Add(elapsed);
                    ecdsaCpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                }
            }

            var ourMedian = Median(ours);
            var theirMedian = Median(theirs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runs: {count} each, interleaved, {Environment.ProcessorCount} cores"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"openssl genrsa 4096 (process):       median {theirMedian,8:F0} ms  (min {theirs.Min():F0}, max {theirs.Max():F0})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kcm-compose RSA-4096 CA (in-process): median {ourMedian,8:F0} ms  (min {ours.Min():F0}, max {ours.Max():F0})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ours/openssl (wall): {ourMedian / theirMedian:F2} (target 1.0 or better)"));
            if (theirsCpu.Any(v => v > 0))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CPU time medians: openssl {Median(theirsCpu):F0} ms, ours {Median(oursCpu):F0} ms, ratio {Median(oursCpu) / Median(theirsCpu):F2} (less sensitive to other load)"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bare .NET RSA.Create(4096) key generation, CPU median {Median(keygenCpu):F0} ms (the same OpenSSL call; RSA prime search is random, so medians of {count} runs differ by tens of percent between runs)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ECDSA P-256 CA + one client, warm:    median {Median(ecdsa),8:F1} ms  (min {ecdsa.Min():F1}, max {ecdsa.Max():F1}); CPU median {Median(ecdsaCpu):F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load average at the end: {LoadAverage()}"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double Openssl(string workingDirectory)
    {
        var start = new ProcessStartInfo("openssl") { UseShellExecute = false, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in new[] { "genrsa", "-out", "genrsa.key", "4096" })
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl genrsa exited with {process.ExitCode}");
        }

        return elapsed;
    }

    /// <summary>User + system CPU of reaped child processes (getrusage RUSAGE_CHILDREN); 0 where unavailable.</summary>
    private static double ChildrenCpuMilliseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var usage = new long[18];
        if (NativeMethods.getrusage(-1, usage) != 0)
        {
            return 0;
        }

        return (usage[0] * 1000.0) + (usage[1] / 1000.0) + (usage[2] * 1000.0) + (usage[3] / 1000.0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

internal static class NativeMethods
{
#pragma warning disable CA5392, SYSLIB1054 // libc from the default search path; a one-call benchmark helper.
    [DllImport("libc", SetLastError = true)]
    internal static extern int getrusage(int who, [Out] long[] usage);
#pragma warning restore CA5392, SYSLIB1054
}
