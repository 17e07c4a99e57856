// Changes a running KCM stack: switches its proxy to require client certificates from a CA, in place in the compose
// file (comments and layout kept), then brings the running proxy container in line with the file through the
// Docker Engine API: validate first, then reload, restart or recreate with rollback.
// Usage: ApplyChange <compose-file> <client-ca.pem> [--dry-run] [--project NAME]
//   --dry-run   edit the file, then only show what applying it would do
//   --project   the Compose project name, when it is not Compose's default (COMPOSE_PROJECT_NAME, name:, folder)
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Kcm;
using KcmCompose.Validation;

var positional = new List<string>();
var dryRun = false;
string? project = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--dry-run": dryRun = true; break;
        case "--project" when i + 1 < args.Length: project = args[++i]; break;
        default: positional.Add(args[i]); break;
    }
}

if (positional.Count != 2)
{
    Console.Error.WriteLine("usage: ApplyChange <compose-file> <client-ca.pem> [--dry-run] [--project NAME]");
    return 2;
}

var composeFile = Path.GetFullPath(positional[0]);
var settings = ClientAuthentication.FromCaFile(Path.GetFullPath(positional[1])) with { VerifyDepth = 2 };

// 1. The change, in the file: CA mount, CLIENT_CERTIFICATE_FILE, SSL_VERIFY_CLIENT=on, SSL_VERIFY_DEPTH=2.
ComposeEditResult edit = await ClientAuthenticationEditor.EnableFileAsync(composeFile, settings);
switch (edit.Status)
{
    case ComposeEditStatus.Changed: Console.Write(edit.ToUnifiedDiff()); break;
    case ComposeEditStatus.Unchanged: Console.WriteLine(edit.Message); break;
    case ComposeEditStatus.Refused: Console.Error.WriteLine(edit.Message); return 1;
}

// 2. The running proxy, made to match the file. Files with validation errors are refused before Docker is touched.
var request = new ServiceDeploymentRequest(composeFile) { Project = project };
var options = new UpdateOptions
{
    DryRun = dryRun,
    Timeout = TimeSpan.FromMinutes(2),
    Progress = new Progress<string>(Console.WriteLine),
};
try
{
    UpdateResult result = await ServiceDeployment.ApplyAsync(request, options);
    foreach (var difference in result.Differences)
    {
        Console.WriteLine($"  {difference}");
    }

    Console.WriteLine(dryRun ? $"would {result.Action}" : $"{result.Action}: {result.Outcome} - {result.Message}");
    foreach (var line in result.FailureLogs)
    {
        Console.WriteLine($"  | {line}");
    }

    return result.Succeeded ? 0 : 1;
}
catch (ComposeValidationException e)
{
    Console.Error.WriteLine(e.Message);   // every error, with file, line and fix
    return 1;
}
catch (DockerException e)
{
    Console.Error.WriteLine(e.Message);   // what was tried, why it failed, what to do
    return 1;
}
