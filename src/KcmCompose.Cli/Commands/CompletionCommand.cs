using System.CommandLine;

namespace KcmCompose.Cli.Commands;

/// <summary>
/// <c>kcm-compose completion bash|zsh|fish|pwsh</c>: prints a script that completes commands, options and values by
/// asking kcm-compose itself through System.CommandLine's <c>[suggest:POSITION] "LINE"</c> directive.
/// </summary>
internal static class CompletionCommand
{
    public static readonly IReadOnlyDictionary<string, string> Scripts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bash"] = """
            # kcm-compose completion for bash: eval "$(kcm-compose completion bash)" in ~/.bashrc
            _kcm_compose_complete() {
                local IFS=$'\n'
                local line="${COMP_LINE:0:COMP_POINT}"
                COMPREPLY=( $(compgen -W "$(kcm-compose "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
            }
            complete -o default -F _kcm_compose_complete kcm-compose

            """,
        ["zsh"] = """
            # kcm-compose completion for zsh: eval "$(kcm-compose completion zsh)" in ~/.zshrc (after compinit)
            _kcm_compose() {
                local line="${BUFFER[1,CURSOR]}"
                local -a suggestions
                suggestions=("${(@f)$(kcm-compose "[suggest:${#line}]" "$line" 2>/dev/null)}")
                compadd -- "${suggestions[@]}"
            }
            compdef _kcm_compose kcm-compose

            """,
        ["fish"] = """
            # kcm-compose completion for fish: kcm-compose completion fish > ~/.config/fish/completions/kcm-compose.fish
            function __kcm_compose_complete
                set -l line (commandline -cp)
                kcm-compose "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
            end
            complete -c kcm-compose -f -a '(__kcm_compose_complete)'

            """,
        ["pwsh"] = """
            # kcm-compose completion for PowerShell: kcm-compose completion pwsh | Out-String | Invoke-Expression (in $PROFILE)
            Register-ArgumentCompleter -Native -CommandName kcm-compose -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                $line = $commandAst.ToString().PadRight($cursorPosition - $commandAst.Extent.StartOffset)
                $line = $line.Substring(0, $cursorPosition - $commandAst.Extent.StartOffset)
                & kcm-compose "[suggest:$($line.Length)]" "$line" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
    };

    public static Command Create()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh, fish or pwsh." };
        shell.AcceptOnlyFromAmong([.. Scripts.Keys]);
        var command = new Command("completion", "Print the shell completion script for bash, zsh, fish or pwsh (see docs/cli.md for where to put it).");
        command.Arguments.Add(shell);
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.Write(Scripts[parse.GetValue(shell)!]);
            return ExitCodes.Success;
        });
        return command;
    }
}
