using System.Globalization;
using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;
<<<<<<< HEAD

if (args.Contains("--pki-vs-openssl"))
{
    return await PkiVsOpenssl.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(PkiBenchmarks).Assembly).Run(args);
=======

if (args.Length > 0 && args[0] == "--docker")
{
    return await DockerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
>>>>>>> docker
return 0;
