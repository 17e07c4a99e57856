using System.CommandLine;
using KcmCompose.Cli.Conventions;
using KcmCompose.IO;

namespace KcmCompose.Cli;

/// <summary>Builds the command tree and runs it; each command lives in its own file under <c>Commands/</c>.</summary>
internal static class CliApp
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("kcm-compose: TLS client-certificate authentication for Keeper Connection Manager.");
        foreach (var command in CommandCatalog.Create())
        {
            root.Subcommands.Add(command);
        }

        GlobalOptions.AddTo(root);
        return root;
    }

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        RunAsync(args, Console.Out, Console.Error, cancellationToken);

    /// <summary>Parses and runs <paramref name="args"/> writing to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (args.Length == 0)
        {
            // As git does: no command is a usage error; the help goes where errors go.
            await CreateRootCommand().Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = error, Error = error }, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var parse = CreateRootCommand().Parse(args);
        if (parse.Errors.Count > 0 || UsageErrors.MistypedOption(parse) is not null)
        {
            await error.WriteLineAsync(UsageErrors.Describe(parse)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (GlobalOptions.Quiet(parse) && GlobalOptions.Verbose(parse))
        {
            await error.WriteLineAsync($"{CommandOutput.CommandPath(parse)}: give --quiet or --verbose, not both.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (InputFileProblem(e) is { } problem)
        {
            // A FIFO, device, folder or oversized file given where a file is read: one line, never a stack trace.
            await error.WriteLineAsync($"kcm-compose: {problem.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("kcm-compose: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (MissingInput.Is(e))
        {
            await error.WriteLineAsync($"kcm-compose: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The last resort of the tool: one line and exit 1 (as System.CommandLine's handler did), not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"kcm-compose: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")} (please report this)").ConfigureAwait(false);
            if (GlobalOptions.Verbose(parse))
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.Failed;
        }
    }

    /// <summary>The <see cref="InputFileException"/> that <paramref name="exception"/> is or wraps, if any.</summary>
    public static InputFileException? InputFileProblem(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is InputFileException problem)
            {
                return problem;
            }
        }

        return null;
    }
}
