using BenchmarkDotNet.Running;
using KcmCompose.Benchmarks;

if (args.Contains("--pki-vs-openssl"))
{
    return await PkiVsOpenssl.RunAsync(args).ConfigureAwait(false);
}

if (args.Contains("--validate-vs-linters"))
{
    return CliComparison.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(PkiBenchmarks).Assembly).Run(args);
return 0;
