using System.Globalization;
using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;

// Drivers that compare against external programs run outside BenchmarkDotNet; everything else is a BenchmarkDotNet class.
if (args.Contains("--pki-vs-openssl"))
{
    return await PkiVsOpenssl.RunAsync(args).ConfigureAwait(false);
}

if (args.Length > 0 && args[0] == "--docker")
{
    return await DockerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7).ConfigureAwait(false);
}

if (args.Contains("--validate-vs-linters"))
{
    return CliComparison.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PkiBenchmarks).Assembly).Run(args);
return 0;
