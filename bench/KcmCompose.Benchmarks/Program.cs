using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;

if (args.Contains("--pki-vs-openssl"))
{
    return await PkiVsOpenssl.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(PkiBenchmarks).Assembly).Run(args);
return 0;
