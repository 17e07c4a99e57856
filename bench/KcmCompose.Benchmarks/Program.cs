using System.Globalization;
using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;

if (args.Length > 0 && args[0] == "--docker")
{
    return await DockerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
