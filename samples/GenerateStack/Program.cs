// Writes a KCM stack whose proxy requires TLS client certificates, then validates it as `kcm-compose validate` does.
// Usage: GenerateStack <output-folder> <client-ca.pem> [hostname]
using KcmCompose.Kcm;
using KcmCompose.Validation;

if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: GenerateStack <output-folder> <client-ca.pem> [hostname]");
    return 2;
}

var folder = Directory.CreateDirectory(args[0]).FullName;
var hostname = args.Length == 3 ? args[2] : "kcm.example.com";
var composeFile = Path.Combine(folder, "docker-compose.yml");

// The typed stack: MySQL, Let's Encrypt, passwords read from .env; the CA is mounted read-only into the proxy.
KcmStack stack = KcmStackBuilder.Create(hostname)
    .WithClientCa(Path.GetFullPath(args[1]))
    .WithVerifyClient(VerifyClientMode.Optional)
    .WithVerifyDepth(2)
    .WithAdditionalNginxConfig("if ($ssl_client_verify != SUCCESS) { return 403; }")   // a readable 403, not a handshake error
    .Build();                                                                           // KcmStackException lists every problem

// Written atomically with mode 0600; an existing file is never overwritten.
if (!await stack.TryWriteComposeFileAsync(composeFile))
{
    Console.Error.WriteLine($"{composeFile} exists; remove it or choose another folder.");
    return 1;
}

// The passwords the file reads with ${NAME:?...}: generated once into .env beside it (0600); existing entries are kept.
var env = await KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(composeFile), stack.RequiredVariables);
Console.WriteLine(env.Created ? $"created {env.Path}" : $"kept {env.Path}");

// Every problem in one pass: compose rules, proxy settings and the CA file nginx will load.
var report = await ComposeValidator.ValidateFileAsync(composeFile);
foreach (var diagnostic in report.Diagnostics)
{
    Console.WriteLine(diagnostic);
}

Console.WriteLine(report.IsValid ? $"wrote {composeFile}: valid" : $"wrote {composeFile}: {report.ErrorCount} error(s)");
return report.IsValid ? 0 : 1;
