using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Validation;
using Spectre.Console;

namespace KcmCompose.Cli.Commands;

/// <summary>What <c>apply</c> and <c>restart</c> share: the file argument, options, progress, result and error printing.</summary>
internal static class DockerCommandSupport
{
    public static Option<string?> ServiceOption() => new("--service", "-s")
    {
        Description = "The service to act on (default: the one running keeper/guacamole-ssl-nginx).",
    };

    public static Option<TimeSpan> TimeoutOption() => new("--timeout")
    {
        Description = "The most the whole command may take, connecting and waiting included: 60s, 2m, 90 (seconds).",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(60),
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (TryParseTimeout(text, out var limit))
            {
                return limit;
            }

            result.AddError($"--timeout '{text}' is not a duration such as 60s or 2m.");
            return TimeSpan.Zero;
        },
    };

    /// <summary>
    /// The one definition of <c>apply</c> and <c>restart</c>: the compose file options, --service, --timeout,
    /// --skip-validation, the command's own options, and the run that builds the request and prints the result.
    /// </summary>
    public static Command Create(
        string name,
        string description,
        Option[] own,
        Func<ParseResult, ServiceDeploymentRequest, UpdateOptions, CancellationToken, Task<UpdateResult>> run)
    {
        var files = new ComposeFileOptions();
        var service = ServiceOption();
        var timeout = TimeoutOption();
        var skipValidation = new Option<bool>("--skip-validation")
        {
            Description = "Act even when 'validate' finds errors in the files (a missing bind-mount source is refused either way).",
        };
        var command = new Command(name, description);
        files.AddTo(command);
        foreach (var option in (Option[])[service, timeout, skipValidation, CommandOutput.FormatOption(), .. own])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var limit = parse.GetValue(timeout);
            IReadOnlyList<string> paths;
            try
            {
                paths = files.Resolve(parse);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                await error.WriteLineAsync("kcm-compose: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var request = new ServiceDeploymentRequest(paths[0])
            {
                OverrideFiles = [.. paths.Skip(1)],
                Service = parse.GetValue(service),
                Project = parse.GetValue(files.ProjectName),
                SkipValidation = parse.GetValue(skipValidation),
            };
            return await RunAsync(parse, (progress, ct) => run(parse, request, new UpdateOptions { Timeout = limit, Progress = progress }, ct), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

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

    /// <summary>
    /// Runs <paramref name="operation"/> with a spinner on a terminal, plain otherwise (steps on standard error with
    /// --verbose); maps failures to exit codes. With --format json the result is the JSON object, or goes into
    /// <paramref name="into"/> as <c>apply</c> when a caller adds it to its own.
    /// </summary>
    public static async Task<int> RunAsync(
        ParseResult parse, Func<IProgress<string>?, CancellationToken, Task<UpdateResult>> operation, CancellationToken cancellationToken, JsonObject? into = null)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var conventions = CommandOutput.For(parse);
        try
        {
            UpdateResult result;
            if (!conventions.Json && !conventions.Quiet && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
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
                result = await operation(conventions.Verbose ? new StepsOnError(conventions) : null, cancellationToken).ConfigureAwait(false);
            }

            if (!conventions.Json && !conventions.Quiet)
            {
                Print(result, output);
            }

            if (into is null)
            {
                await conventions.WriteJsonAsync(ResultJson(result)).ConfigureAwait(false);
            }
            else
            {
                into["apply"] = ResultJson(result);
                await conventions.WriteJsonAsync(into).ConfigureAwait(false);
            }

            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (DockerException exception)
        {
            await error.WriteLineAsync($"kcm-compose: {exception.Message} {exception.Fix}").ConfigureAwait(false);
            return exception.Failure == DockerFailure.Timeout ? ExitCodes.Failed : ExitCodes.Usage;
        }
        catch (ComposeValidationException exception)
        {
            // Refused before anything was touched: the findings as 'validate' prints them (on standard error with --format json).
            await (conventions.Json ? error : output).WriteAsync(ValidationReportWriter.Format(exception.Report, ValidationReportFormat.Text)).ConfigureAwait(false);
            var reason = exception.Report.IsValid ? exception.Message : $"{exception.Report.File} has {exception.Report.ErrorCount} error(s); nothing was changed. Fix them, or pass --skip-validation.";
            await error.WriteLineAsync($"kcm-compose: refused: {reason}").ConfigureAwait(false);
            return ExitCodes.Failed;
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

    /// <summary>
    /// The JSON of apply and restart: <c>target</c>, <c>action</c>, <c>outcome</c>, <c>succeeded</c>, <c>message</c>, <c>differences</c>
    /// (<c>aspect</c>, <c>name</c>, <c>actual</c>, <c>expected</c>) and <c>failureLogs</c>.
    /// </summary>
    public static JsonObject ResultJson(UpdateResult result) => new()
    {
        ["target"] = result.Target is { } target ? new JsonObject { ["project"] = target.Project, ["service"] = target.Service } : null,
        ["action"] = result.Action.ToString().ToLowerInvariant(),
        ["outcome"] = result.Outcome.ToString().ToLowerInvariant(),
        ["succeeded"] = result.Succeeded,
        ["message"] = result.Message,
        ["differences"] = new JsonArray([.. result.Differences.Select(d => (JsonNode)new JsonObject
        {
            ["aspect"] = Describe(d.Aspect),
            ["name"] = d.Name,
            ["actual"] = d.Actual,
            ["expected"] = d.Expected,
        })]),
        ["failureLogs"] = CommandOutput.Strings(result.FailureLogs),
    };

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

    /// <summary>Steps written at once (not posted to the thread pool as <see cref="Progress{T}"/> does), so they stay in order.</summary>
    private sealed class StepsOnError(CommandOutput output) : IProgress<string>
    {
        public void Report(string value) => output.Detail(value);
    }

    private static string Describe(ConfigurationAspect aspect) => aspect switch
    {
        ConfigurationAspect.Environment => "environment",
        ConfigurationAspect.Image => "image",
        ConfigurationAspect.Mount => "volume",
        ConfigurationAspect.Port => "port",
        ConfigurationAspect.RestartPolicy => "restart",
        ConfigurationAspect.SwarmConfig => "config",
        ConfigurationAspect.SwarmSecret => "secret",
        _ => "file content",
    };
}
