// Your KCM deployment as a program: the stack is C#, every change is validated before it reaches a file or a container.
//   emit      --hostname HOST --client-ca FILE [--output FILE] [--verify-client on|optional] [--verify-depth N]
//   validate  [FILE]
//   apply     [FILE] [--dry-run] [--project NAME]
// FILE defaults to docker-compose.yml. Exit codes: 0 done, 1 refused (findings, Docker failure), 2 bad arguments.
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Kcm;
using KcmCompose.Validation;

if (args.Length == 0 || args[0] is not ("emit" or "validate" or "apply"))
{
    return Usage();
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
var flags = new HashSet<string>(StringComparer.Ordinal);
var positional = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--dry-run")
    {
        flags.Add(args[i]);
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
    else if (args[i].StartsWith("--", StringComparison.Ordinal))
    {
        return Usage($"{args[i]} needs a value.");
    }
    else
    {
        positional.Add(args[i]);
    }
}

var file = Path.GetFullPath(options.GetValueOrDefault("--output") ?? positional.FirstOrDefault() ?? "docker-compose.yml");
try
{
    return args[0] switch
    {
        "emit" => await EmitAsync(),
        "validate" => await ValidateAsync(),
        _ => await ApplyAsync(),
    };
}
catch (ComposeLoadException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

async Task<int> EmitAsync()
{
    if (!options.TryGetValue("--hostname", out var hostname) || !options.TryGetValue("--client-ca", out var clientCa))
    {
        return Usage("emit needs --hostname and --client-ca.");
    }

    var verifyClient = options.GetValueOrDefault("--verify-client", "on") switch
    {
        "on" => VerifyClientMode.On,
        "optional" => VerifyClientMode.Optional,
        var other => (VerifyClientMode?)null,
    };
    if (verifyClient is null || !int.TryParse(options.GetValueOrDefault("--verify-depth", "1"), out var depth))
    {
        return Usage("--verify-client is on or optional; --verify-depth is a number.");
    }

    var builder = KcmStackBuilder.Create(hostname)
        .WithClientCa(Path.GetFullPath(clientCa))
        .WithVerifyClient(verifyClient.Value)
        .WithVerifyDepth(depth);
    if (verifyClient == VerifyClientMode.Optional)
    {
        // Finish the handshake without a certificate, then answer 403: a readable page instead of a TLS error.
        builder = builder.WithAdditionalNginxConfig("if ($ssl_client_verify != SUCCESS) { return 403; }");
    }

    KcmStack stack;
    try
    {
        stack = builder.Build();
    }
    catch (KcmStackException e)
    {
        Console.Error.WriteLine(e.Message);   // every problem of the stack at once
        return 2;
    }

    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
    if (!await stack.TryWriteComposeFileAsync(file))   // atomic, 0600
    {
        Console.Error.WriteLine($"{file} exists; remove it first.");
        return 1;
    }

    // The passwords, read by the file with ${NAME:?...}: generated once into the .env beside it; existing entries are kept.
    await KcmEnvFile.EnsureAsync(KcmEnvFile.PathFor(file), stack.RequiredVariables);

    Console.WriteLine($"wrote {file}");
    return await ValidateAsync();
}

async Task<int> ValidateAsync()
{
    var report = await ComposeValidator.ValidateFileAsync(file);
    foreach (var diagnostic in report.Diagnostics)
    {
        Console.WriteLine(diagnostic);
    }

    Console.WriteLine(report.IsValid ? $"{file}: valid" : $"{file}: {report.ErrorCount} error(s)");
    return report.IsValid ? 0 : 1;
}

async Task<int> ApplyAsync()
{
    var request = new ServiceDeploymentRequest(file) { Project = options.GetValueOrDefault("--project") };
    var update = new UpdateOptions { DryRun = flags.Contains("--dry-run"), Progress = new Progress<string>(Console.WriteLine) };
    try
    {
        var result = await ServiceDeployment.ApplyAsync(request, update);   // validates first; refuses files with errors
        foreach (var difference in result.Differences)
        {
            Console.WriteLine($"  {difference}");
        }

        Console.WriteLine($"{result.Action}: {result.Outcome} - {result.Message}");
        return result.Succeeded ? 0 : 1;
    }
    catch (ComposeValidationException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
    catch (DockerException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

static int Usage(string? problem = null)
{
    if (problem is not null)
    {
        Console.Error.WriteLine(problem);
    }

    Console.Error.WriteLine("usage: KcmDeploy emit --hostname HOST --client-ca FILE [--output FILE] [--verify-client on|optional] [--verify-depth N]");
    Console.Error.WriteLine("       KcmDeploy validate [FILE]");
    Console.Error.WriteLine("       KcmDeploy apply [FILE] [--dry-run] [--project NAME]");
    return 2;
}
