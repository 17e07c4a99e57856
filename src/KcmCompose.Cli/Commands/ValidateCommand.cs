using System.CommandLine;
using System.Reflection;
using KcmCompose.Validation;
using Spectre.Console;

namespace KcmCompose.Cli.Commands;

/// <summary><c>kcm-compose validate [FILE] [--env-file F] [--format text|json|sarif] [--fail-on error|warning]</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new ComposeFileOptions();
        var envFile = new Option<string?>("--env-file")
        {
            Description = "The env file for ${VAR} interpolation. Defaults to the .env beside the compose file.",
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: text, json or sarif.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a diagnostic is at least this severe: error or warning.",
            DefaultValueFactory = _ => "error",
        };
        failOn.AcceptOnlyFromAmong("error", "warning");
        var revocations = new RevocationOptions();

        var command = new Command("validate", "Check a compose file and its KCM proxy settings; report every problem with file:line:column.");
        files.AddTo(command);
        command.Options.Add(envFile);
        command.Options.Add(format);
        command.Options.Add(failOn);
        revocations.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            ValidationReport report;
            try
            {
                var paths = files.Resolve(parse);
                var options = new ComposeValidatorOptions
                {
                    EnvFile = parse.GetValue(envFile),
                    ProjectName = parse.GetValue(files.ProjectName),
                    Revocations = await revocations.LoadAsync(parse, cancellationToken).ConfigureAwait(false),
                };
                report = await ComposeValidator.ValidateFilesAsync(paths, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or KcmCompose.Certificates.PkiException)
            {
                await error.WriteLineAsync("kcm-compose: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var selected = parse.GetValue(format) switch
            {
                "json" => ValidationReportFormat.Json,
                "sarif" => ValidationReportFormat.Sarif,
                _ => ValidationReportFormat.Text,
            };
            if (selected == ValidationReportFormat.Text && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            {
                WriteColoured(report);
            }
            else
            {
                var tool = new SarifTool { Version = ToolVersion() };
                await output.WriteAsync(ValidationReportWriter.Format(report, selected, tool)).ConfigureAwait(false);
            }

            var threshold = parse.GetValue(failOn) == "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
            return report.HasAtLeast(threshold) ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static void WriteColoured(ValidationReport report)
    {
        foreach (var d in report.Diagnostics)
        {
            var colour = d.Severity switch
            {
                DiagnosticSeverity.Error => "red",
                DiagnosticSeverity.Warning => "yellow",
                _ => "blue",
            };
            var severity = ValidationReportWriter.SeverityName(d.Severity);
            AnsiConsole.MarkupLine(
                $"[bold]{Markup.Escape($"{d.File}:{d.Line}:{d.Column}:")}[/] [{colour}]{severity}[/] [dim]{Markup.Escape(d.Code)}:[/] {Markup.Escape(d.Message)}");
            AnsiConsole.MarkupLine($"    [green]fix:[/] {Markup.Escape(d.Fix)}");
        }

        var summaryColour = report.ErrorCount > 0 ? "red" : report.WarningCount > 0 ? "yellow" : "green";
        AnsiConsole.MarkupLine($"[{summaryColour}]{Markup.Escape(ValidationReportWriter.Summary(report))}[/]");
    }

    private static string ToolVersion()
    {
        var version = typeof(ValidateCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
