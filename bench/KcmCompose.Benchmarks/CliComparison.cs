using System.Diagnostics;
using System.Globalization;

namespace KcmCompose.Benchmarks;

/// <summary>
/// Whole-process comparison: runs each validator command N times on the same file, interleaved so machine load hits
/// all alike, and prints the median wall-clock time of each and the ratios against kcm-compose.
/// Usage: <c>--validate-vs-linters --cli path/to/kcm-compose.dll --file docker-compose.yml [--runs 15]</c>.
/// </summary>
public static class CliComparison
{
    public static int Run(string[] args)
    {
        var cli = Value(args, "--cli") ?? throw new ArgumentException("--cli path/to/kcm-compose.dll is required");
        var file = Path.GetFullPath(Value(args, "--file") ?? throw new ArgumentException("--file is required"));
        var runs = int.Parse(Value(args, "--runs") ?? "15", CultureInfo.InvariantCulture);
        var folder = Path.GetDirectoryName(file)!;
        var commands = new List<(string Name, string Program, string[] Arguments)>
        {
            ("kcm-compose validate", "dotnet", [Path.GetFullPath(cli), "validate", file]),
            ("docker-compose config -q", "docker-compose", ["-f", file, "config", "-q"]),
            ("docker compose config -q", "docker", ["compose", "-f", file, "config", "-q"]),
            ("dclint", "dclint", [file]),
        };

        var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
        foreach (var command in commands)
        {
            var (exit, _) = Time(command.Program, command.Arguments, folder);
            Console.WriteLine($"warm-up {command.Name}: exit {exit}");
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var command in commands)
            {
                times[command.Name].Add(Time(command.Program, command.Arguments, folder).Milliseconds);
            }
        }

        var ours = Median(times[commands[0].Name]);
        Console.WriteLine();
        Console.WriteLine($"{runs} runs each, interleaved, on {Environment.ProcessorCount} cores; file {file}");
        Console.WriteLine($"{"command",-28} {"median ms",10} {"min ms",8} {"max ms",8} {"vs kcm-compose",15}");
        foreach (var command in commands)
        {
            var list = times[command.Name];
            var median = Median(list);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{command.Name,-28} {median,10:F0} {list.Min(),8:F0} {list.Max(),8:F0} {median / ours,14:F2}x"));
        }

        return 0;
    }

    private static (int Exit, double Milliseconds) Time(string program, string[] arguments, string folder)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 60 s");
        }

        Task.WaitAll(output, error);
        return (process.ExitCode, watch.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
