using System.CommandLine;
using System.Text;
using KcmCompose.Certificates;
using System.Text.Json.Nodes;
using KcmCompose.Cli.Conventions;
using Spectre.Console;

namespace KcmCompose.Cli.Commands;

/// <summary>What the <c>ca</c>, <c>client</c> and <c>crl</c> commands share: options, passphrase sources, errors, progress.</summary>
internal static class PkiCommandSupport
{
    public static readonly string[] KeyNames = ["rsa4096", "rsa3072", "rsa2048", "p256", "p384"];

    public static Option<string> KeyOption(string defaultKey, string what)
    {
        var option = new Option<string>("--key")
        {
            Description = $"{what} key type: rsa4096, rsa3072, rsa2048, p256 or p384 (default {defaultKey}).",
            DefaultValueFactory = _ => defaultKey,
        };
        option.AcceptOnlyFromAmong(KeyNames);
        return option;
    }

    public static KeyAlgorithm ParseKey(string name) => name switch
    {
        "rsa2048" => KeyAlgorithm.Rsa2048,
        "rsa3072" => KeyAlgorithm.Rsa3072,
        "rsa4096" => KeyAlgorithm.Rsa4096,
        "p256" => KeyAlgorithm.EcdsaP256,
        "p384" => KeyAlgorithm.EcdsaP384,
        _ => throw new ArgumentException($"unknown key type '{name}'"),
    };

    public static Option<int> DaysOption(string description) => new("--days")
    {
        Description = description,
        DefaultValueFactory = _ => 365,
    };

    public static Option<string> CaDirOption() => new("--ca-dir")
    {
        Description = "The CA folder (holds ca.crt, ca.key, index.json, clients/).",
        Required = true,
    };

    public static Option<bool> ForceOption(string description) => new("--force") { Description = description };

    /// <summary>A pair of passphrase sources: a file and an environment variable.</summary>
    public sealed record PassphraseOptions(Option<string> File, Option<string> Environment)
    {
        public static PassphraseOptions Create(string prefix, string what) => new(
            new Option<string>($"--{prefix}-file") { Description = $"Read the {what} from the first line of this file." },
            new Option<string>($"--{prefix}-env") { Description = $"Read the {what} from this environment variable." });

        public void AddTo(Command command)
        {
            command.Options.Add(File);
            command.Options.Add(Environment);
        }

        /// <summary>The passphrase from the file or variable given, or null when neither was.</summary>
        public async Task<string?> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var file = parse.GetValue(File);
            var variable = parse.GetValue(Environment);
            if (file is not null && variable is not null)
            {
                throw new ArgumentException($"give {File.Name} or {Environment.Name}, not both");
            }

            if (file is not null)
            {
                return await Passphrases.ReadFileAsync(file, cancellationToken).ConfigureAwait(false);
            }

            return variable is null ? null : Passphrases.FromEnvironment(variable);
        }
    }

    /// <summary>
    /// The CA key passphrase: from the file or variable given; else, when the key is encrypted, a no-echo prompt on a
    /// terminal; else a refusal naming the options.
    /// </summary>
    public static async Task<string?> CaPassphraseAsync(
        ParseResult parse, PassphraseOptions options, CertificateAuthority authority, CancellationToken cancellationToken)
    {
        var given = await options.ReadAsync(parse, cancellationToken).ConfigureAwait(false);
        if (given is not null || !await authority.IsKeyEncryptedAsync(cancellationToken).ConfigureAwait(false))
        {
            return given;
        }

        return Prompt($"Passphrase for {authority.KeyPath}: ", parse.InvocationConfiguration.Error)
            ?? throw new PkiException(
                $"'{authority.KeyPath}' is encrypted: give {options.File.Name} FILE or {options.Environment.Name} NAME (no terminal to prompt on)");
    }

    /// <summary>Reads a line without echo from the terminal; null when standard input is not one.</summary>
    public static string? Prompt(string label, TextWriter error)
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        error.Write(label);
        error.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        error.WriteLine();
        return text.ToString();
    }

    /// <summary>Refuses early when a generated passphrase could not be saved where asked.</summary>
    public static void CheckSaveTarget(string? path, bool force)
    {
        if (path is null)
        {
            return;
        }

        if (File.Exists(path) && !force)
        {
            throw new PkiException($"'{path}' already exists and is not overwritten: choose another --save-passphrase file or pass --force");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new PkiException($"folder '{folder}' for --save-passphrase does not exist");
        }
    }

    /// <summary>
    /// Hands a generated passphrase back exactly once: into the 0600 file named by --save-passphrase, or else on
    /// standard output with a clear label. It is never stored anywhere else.
    /// </summary>
    /// <remarks>With --format json it goes into <paramref name="json"/> as <c>passphraseFile</c> or <c>generatedPassphrase</c>; --quiet never hides it.</remarks>
    public static async Task HandOverAsync(
        string? generated, string? savePath, bool force, string protects, CommandOutput output, JsonObject json, CancellationToken cancellationToken)
    {
        json["generatedPassphrase"] = null;
        json["passphraseFile"] = null;
        if (generated is null)
        {
            return;
        }

        if (savePath is not null)
        {
            try
            {
                await Passphrases.WriteFileAsync(savePath, generated, force, cancellationToken).ConfigureAwait(false);
                output.Line($"Generated passphrase for {protects} saved to {savePath} (0600).");
                json["passphraseFile"] = savePath;
                return;
            }
            catch (PkiException e)
            {
                output.Essential($"Could not save the passphrase ({e.Message}); here it is instead.");
            }
        }

        output.Essential($"Generated passphrase for {protects} (shown once, stored nowhere; keep it safe):");
        output.Essential($"  {generated}");
        json["generatedPassphrase"] = generated;
    }

    /// <summary>Runs <paramref name="work"/> behind a spinner when standard output is a terminal and the key is RSA; quietly otherwise.</summary>
    public static async Task<T> WithProgressAsync<T>(KeyAlgorithm key, Func<Task<T>> work)
    {
        if (Console.IsOutputRedirected || key is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384)
        {
            return await work().ConfigureAwait(false);
        }

        var bits = key switch { KeyAlgorithm.Rsa2048 => 2048, KeyAlgorithm.Rsa3072 => 3072, _ => 4096 };
        return await AnsiConsole.Status().StartAsync($"Generating an RSA {bits}-bit key...", _ => work()).ConfigureAwait(false);
    }

    /// <summary>
    /// Lets the CA finish what an interrupted run left (<see cref="CertificateAuthority.RepairAsync"/>) and says on standard
    /// error what it put right; says nothing when there was nothing to do. Returns the authority for chaining.
    /// </summary>
    public static async Task<CertificateAuthority> RepairAsync(CertificateAuthority authority, ParseResult parse, CancellationToken cancellationToken)
    {
        var repair = await authority.RepairAsync(cancellationToken).ConfigureAwait(false);
        var error = parse.InvocationConfiguration.Error;
        foreach (var certificate in repair.Indexed)
        {
            await error.WriteLineAsync(
                $"kcm-compose: note: recorded {certificate.CertificatePath} (serial {certificate.SerialNumber}) in the CA index; an interrupted run had signed it without recording it (revoke it if it was not meant to be issued)")
                .ConfigureAwait(false);
        }

        if (!repair.RemovedFiles.IsEmpty)
        {
            await error.WriteLineAsync(
                $"kcm-compose: note: removed {repair.RemovedFiles.Length} temporary file(s) an interrupted run left: {string.Join(", ", repair.RemovedFiles)}")
                .ConfigureAwait(false);
        }

        return authority;
    }

    /// <summary>Turns refusals into one line and exit 1, bad arguments into one line and exit 2; never a stack trace.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<Task<int>> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (CliApp.InputFileProblem(e) is { } problem)
        {
            // A passphrase, key or CSR path that is a FIFO, device, folder or too large: the command cannot run.
            await error.WriteLineAsync($"kcm-compose: {problem.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (PkiException e)
        {
            // A missing CA folder, CSR or passphrase file means the command could not run (2); anything else is a refusal (1).
            await error.WriteLineAsync($"kcm-compose: {OneLine(e.Message)}").ConfigureAwait(false);
            return MissingInput.ExitCode(e, ExitCodes.Failed);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await error.WriteLineAsync($"kcm-compose: {UserMessage.Of(e)} (see --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException or InvalidOperationException or NotSupportedException)
        {
            await error.WriteLineAsync($"kcm-compose: {OneLine(e.Message)}").ConfigureAwait(false);
            return MissingInput.ExitCode(e, ExitCodes.Failed);
        }
    }

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
