using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;

if (args.Length > 0 && args[0] == "cli")
{
    return CliComparison.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CliComparison).Assembly).Run(args);
return 0;
