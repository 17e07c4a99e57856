using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KcmCompose.Docker;

namespace KcmCompose.Benchmarks;

/// <summary>
/// <c>--docker [runs]</c>: wall-clock medians against a real dockerd. Restart through the library against
/// <c>docker restart</c> on the same container; apply (recreate after an environment change) against
/// <c>docker-compose up -d</c> after the same change. Needs the test images (build-images.sh) and docker-compose.
/// </summary>
public static class DockerBenchmark
{
    public static async Task<int> RunAsync(int runs)
    {
        var script = FindBuildScript();
        Run("bash", [script]);
        var project = "kcmbench" + Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Path.GetTempPath(), project);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "docker-compose.yml");
        var port = FreePort();
        try
        {
            WriteCompose(file, port, "v0");
            Run("docker-compose", ["-p", project, "-f", file, "up", "-d"]);
            var target = new ServiceTarget(project, "ssl");
            using var connection = await DockerConnection.ConnectAsync().ConfigureAwait(false);
            Console.WriteLine($"dockerd {connection.ServerVersion}, API {connection.ApiVersion}; {runs} runs each; proxy on 127.0.0.1:{port}");

            var libraryRestart = new List<double>();
            var libraryRestartNoGrace = new List<double>();
            var dockerRestart = new List<double>();
            var defaultUpdater = new ComposeServiceUpdater(connection);
            var noGraceUpdater = new ComposeServiceUpdater(connection, new UpdateOptions { StartupGracePeriod = TimeSpan.Zero });
            for (var i = 0; i < runs; i++)
            {
                libraryRestart.Add(await TimeAsync(async () => Check(await defaultUpdater.RestartAsync(target).ConfigureAwait(false))).ConfigureAwait(false));
                libraryRestartNoGrace.Add(await TimeAsync(async () => Check(await noGraceUpdater.RestartAsync(target).ConfigureAwait(false))).ConfigureAwait(false));
                var id = Run("docker-compose", ["-p", project, "-f", file, "ps", "-q", "ssl"]).Trim();
                dockerRestart.Add(await TimeAsync(() => { Run("docker", ["restart", id]); return Task.CompletedTask; }).ConfigureAwait(false));
            }

            var libraryApply = new List<double>();
            var libraryApplyNoHash = new List<double>();
            var composeUp = new List<double>();
            var request = new ServiceDeploymentRequest(file) { Project = project };
            for (var i = 0; i < runs; i++)
            {
                WriteCompose(file, port, $"a{i}");
                libraryApply.Add(await TimeAsync(async () => Check(await ServiceDeployment.ApplyAsync(request).ConfigureAwait(false))).ConfigureAwait(false));
                WriteCompose(file, port, $"b{i}");
                var desired = (await ComposeServiceDefinition.LoadAsync(file, project: project).ConfigureAwait(false)).Desired;
                libraryApplyNoHash.Add(await TimeAsync(async () => Check(await defaultUpdater.ApplyAsync(target, desired).ConfigureAwait(false))).ConfigureAwait(false));
                WriteCompose(file, port, $"c{i}");
                composeUp.Add(await TimeAsync(() => { Run("docker-compose", ["-p", project, "-f", file, "up", "-d"]); return Task.CompletedTask; }).ConfigureAwait(false));
            }

            Report("restart: library (waits running + 1s grace)", libraryRestart, dockerRestart, "docker restart");
            Report("restart: library (grace 0)", libraryRestartNoGrace, dockerRestart, "docker restart");
            Report("apply recreate: ServiceDeployment (file + compose config-hash + 1s grace)", libraryApply, composeUp, "docker-compose up -d");
            Report("apply recreate: updater only (no hash)", libraryApplyNoHash, composeUp, "docker-compose up -d");
            return 0;
        }
        finally
        {
            Run("docker-compose", ["-p", project, "-f", file, "down", "-v", "-t", "1"], check: false);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Check(UpdateResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Message);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Report(string name, List<double> ours, List<double> theirs, string theirName)
    {
        var a = Median(ours);
        var b = Median(theirs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {a:0} ms; {theirName}: median {b:0} ms; ratio {a / b:0.00}"));
    }

    private static void WriteCompose(string file, int port, string marker) => File.WriteAllText(file, $"""
        services:
          ssl:
            image: keeper/guacamole-ssl-nginx:2
            network_mode: host
            restart: unless-stopped
            environment:
              SSL_HOSTNAME: kcm.bench
              KCM_TEST_HTTPS_PORT: "{port}"
              KCM_TEST_MARKER: "{marker}"
        """);

    private static string Run(string program, string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {errors}");
        }

        return output.Result;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindBuildScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "KcmCompose.IntegrationTests", "Docker", "Images", "build-images.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("build-images.sh not found above " + AppContext.BaseDirectory);
    }
}
