using System.CommandLine;
using System.Globalization;
using KcmCompose.Compose;
using KcmCompose.Docker;
using Spectre.Console;

namespace KcmCompose.Cli.Commands;

/// <summary>What <c>apply</c> and <c>restart</c> share: the file argument, options, progress, result and error printing.</summary>
internal static class DockerCommandSupport
{
    private static readonly string[] DefaultFiles = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

    public static Argument<string?> FileArgument() => new("FILE")
    {
        Description = "The compose file (default: compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> ServiceOption() => new("--service", "-s")
    {
        Description = "The service to act on (default: the one running keeper/guacamole-ssl-nginx).",
    };

    public static Option<string?> ProjectOption() => new("--project", "-p")
    {
        Description = "The Compose project name (default: COMPOSE_PROJECT_NAME, the file's name:, then the folder name).",
    };

    public static Option<string> TimeoutOption() => new("--timeout")
    {
        Description = "The most the whole command may take, connecting and waiting included: 60s, 2m, 90 (seconds).",
        DefaultValueFactory = _ => "60s",
    };

    public static string ResolveFile(string? file) =>
        file ?? DefaultFiles.FirstOrDefault(File.Exists) ?? "docker-compose.yml";

    public static bool TryParseTimeout(string text, out TimeSpan timeout)
    {
        text = text.Trim();
        var unit = text.Length > 0 && char.IsLetter(text[^1]) ? text[^1] : 's';
        var number = char.IsLetter(text.Length > 0 ? text[^1] : '0') ? text[..^1] : text;
        timeout = TimeSpan.Zero;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }

        timeout = unit switch
        {
            's' => TimeSpan.FromSeconds(value),
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            _ => TimeSpan.Zero,
        };
        return timeout > TimeSpan.Zero;
    }

    /// <summary>Runs <paramref name="operation"/> with a spinner on a terminal, plain otherwise; maps failures to exit codes.</summary>
    public static async Task<int> RunAsync(
        ParseResult parse, Func<IProgress<string>?, CancellationToken, Task<UpdateResult>> operation, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            UpdateResult result;
            if (!Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
            {
                result = await AnsiConsole.Status().StartAsync("Working...", async context =>
                {
                    var progress = new Progress<string>(line =>
                    {
                        context.Status(Markup.Escape(line));
                        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
                    });
                    return await operation(progress, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await operation(null, cancellationToken).ConfigureAwait(false);
            }

            Print(result, output);
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (DockerException exception)
        {
            await error.WriteLineAsync($"kcm-compose: {exception.Message} {exception.Fix}").ConfigureAwait(false);
            return exception.Failure == DockerFailure.Timeout ? ExitCodes.Failed : ExitCodes.Usage;
        }
        catch (ComposeLoadException exception)
        {
            // The message already carries file:line:column and the fix.
            await error.WriteLineAsync($"kcm-compose: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("kcm-compose: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static void Print(UpdateResult result, TextWriter output)
    {
        if (result.Differences.Length > 0)
        {
            output.WriteLine($"Differences for {result.Target}:");
            foreach (var difference in result.Differences)
            {
                output.WriteLine($"  {Describe(difference.Aspect)} {difference.Name}: {difference.Actual ?? "(not set)"} -> {difference.Expected ?? "(not set)"}");
            }
        }

        output.WriteLine($"Action: {result.Action.ToString().ToLowerInvariant()}");
        output.WriteLine(result.Message);
        if (result.FailureLogs.Length > 0)
        {
            output.WriteLine("Last log lines of the failed container:");
            foreach (var line in result.FailureLogs)
            {
                output.WriteLine($"  | {line}");
            }
        }
    }

    private static string Describe(ConfigurationAspect aspect) => aspect switch
    {
        ConfigurationAspect.Environment => "environment",
        ConfigurationAspect.Image => "image",
        ConfigurationAspect.Mount => "volume",
        ConfigurationAspect.Port => "port",
        ConfigurationAspect.RestartPolicy => "restart",
        _ => "file content",
    };
}
