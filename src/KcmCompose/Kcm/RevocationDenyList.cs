using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using KcmCompose.Certificates;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Revocation the proxy enforces: the revoked serials as <c>if ($ssl_client_serial = SERIAL) { return 403; }</c> lines
/// in a marked block of <c>ADDITIONAL_NGINX_CONFIG</c>, which the image places inside the proxied <c>location</c>
/// (nginx's <c>ssl_crl</c> is server-level, which the image does not expose). Later runs replace the block; text
/// outside it is kept byte for byte.
/// </summary>
public static partial class RevocationDenyList
{
    /// <summary>The first line of the block.</summary>
    public const string BeginMarker = "# kcm-compose revoked clients: begin (rewritten by 'kcm-compose client revoke'; write your own lines outside)";

    /// <summary>The last line of the block.</summary>
    public const string EndMarker = "# kcm-compose revoked clients: end";

    /// <summary>
    /// The block as nginx reads it (one <c>$</c>), one line per serial in nginx's form
    /// (<see cref="RevocationList.NginxSerial(string)"/>), sorted and without duplicates; empty when there is no serial.
    /// </summary>
    public static string Render(IEnumerable<string> serials)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var list = serials.Select(RevocationList.NginxSerial).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder(BeginMarker).Append('\n');
        foreach (var serial in list)
        {
            text.Append("if ($ssl_client_serial = ").Append(serial).Append(") { return 403; }\n");
        }

        return text.Append(EndMarker).Append('\n').ToString();
    }

    /// <summary>
    /// <paramref name="additionalNginxConfig"/> (as written in the compose file, with <c>$$</c>) with its block replaced by
    /// one listing <paramref name="serials"/>, escaped for Compose: in place when there is one, else appended after a line
    /// break; removed when <paramref name="serials"/> is empty. Text outside the block is kept byte for byte.
    /// </summary>
    /// <exception cref="FormatException">The text has a begin marker without an end marker, or more than one block.</exception>
    public static string Merge(string? additionalNginxConfig, IEnumerable<string> serials) =>
        MergeText(additionalNginxConfig, ComposeText.Escape(Render(serials)));

    /// <summary>Like <see cref="Merge"/> on a literal value (one <c>$</c>), such as <see cref="ClientAuthentication.AdditionalNginxConfig"/>.</summary>
    /// <exception cref="FormatException">The text has a begin marker without an end marker, or more than one block.</exception>
    public static string MergeLiteral(string? additionalNginxConfig, IEnumerable<string> serials) =>
        MergeText(additionalNginxConfig, Render(serials));

    /// <summary>
    /// The serials the block of <paramref name="additionalNginxConfig"/> refuses (with <c>$</c> or <c>$$</c>), in nginx's
    /// form; empty without a block. Lines of the block that are not deny lines are ignored.
    /// </summary>
    public static ImmutableArray<string> Read(string? additionalNginxConfig)
    {
        if (additionalNginxConfig is null || Find(additionalNginxConfig) is not { } block)
        {
            return [];
        }

        return [.. DenyLine().Matches(additionalNginxConfig.Substring(block.Start, block.Length)).Select(m => m.Groups["serial"].Value)];
    }

    /// <summary>
    /// Writes the deny list for <paramref name="serials"/> into the proxy's <c>ADDITIONAL_NGINX_CONFIG</c> in
    /// <paramref name="composeText"/>, editing the text in place (comments and formatting elsewhere kept). Refused when
    /// the proxy takes <c>ADDITIONAL_NGINX_CONFIG</c> from an env file only (writing it would hide the file's text).
    /// </summary>
    public static ComposeEditResult Apply(string composeText, IEnumerable<string> serials, string file = ComposeDocument.StringLabel)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        ArgumentNullException.ThrowIfNull(serials);
        var list = serials.ToList();
        return ClientAuthenticationEditor.EditProxy(
            composeText,
            file,
            (proxy, view) =>
            {
                var variable = proxy.FindEnvironment(KcmVariables.AdditionalNginxConfig);
                if (variable is null && view.Environment.TryGetValue(KcmVariables.AdditionalNginxConfig, out var fromFile) && fromFile.EnvFile is { } envFile)
                {
                    throw new ComposeEditException(
                        $"{KcmVariables.AdditionalNginxConfig} of service '{proxy.Name}' comes from env file '{envFile}': move it into the service's environment: block, then revoke again.");
                }

                string merged;
                try
                {
                    merged = Merge(variable?.Value, list);
                }
                catch (FormatException e)
                {
                    throw new ComposeEditException($"{KcmVariables.AdditionalNginxConfig} of service '{proxy.Name}': {e.Message}");
                }

                return merged.Length == 0
                    ? ClientAuthenticationEditor.EnvironmentEdits(proxy, [], variable is null ? [] : [KcmVariables.AdditionalNginxConfig])
                    : ClientAuthenticationEditor.EnvironmentEdits(proxy, [(KcmVariables.AdditionalNginxConfig, merged)], [], escape: false);
            },
            list.Count == 0 ? "removed the revoked-client deny list" : $"wrote the deny list of {list.Count} revoked client certificate(s)",
            "the revoked-client deny list is already up to date");
    }

    /// <summary>
    /// <paramref name="stack"/> with the deny list for <paramref name="serials"/> merged into its proxy's
    /// <see cref="ClientAuthentication.AdditionalNginxConfig"/> (<see cref="MergeLiteral"/>); emit it as usual.
    /// </summary>
    /// <exception cref="ArgumentException">The stack has no client authentication, so nothing would present a serial.</exception>
    /// <exception cref="FormatException">The existing text has a damaged block.</exception>
    public static KcmStack Apply(KcmStack stack, IEnumerable<string> serials)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(serials);
        if (stack.Proxy.ClientAuthentication is not { } authentication)
        {
            throw new ArgumentException("the stack has no client CA file, so there is no client certificate to refuse: give the client CA first", nameof(stack));
        }

        var merged = MergeLiteral(authentication.AdditionalNginxConfig, serials);
        return stack with
        {
            Proxy = stack.Proxy with { ClientAuthentication = authentication with { AdditionalNginxConfig = merged.Length == 0 ? null : merged } },
        };
    }

    /// <summary>Like <see cref="Apply(string, IEnumerable{string}, string)"/>, on a file written atomically in place; refused like <see cref="ClientAuthenticationEditor.EnableFileAsync"/>.</summary>
    /// <exception cref="IOException">The path is a FIFO, device or folder, or above 4 MiB (one line naming it).</exception>
    public static Task<ComposeEditResult> ApplyFileAsync(
        string path,
        IEnumerable<string> serials,
        ComposeFileEditOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serials);
        var list = serials.ToList();
        return ComposeTextFile.EditAsync(path, (text, file) => Apply(text, list, file), options, cancellationToken);
    }

    private static string MergeText(string? existing, string block)
    {
        var text = existing ?? string.Empty;
        if (Find(text) is { } old)
        {
            return string.Concat(text.AsSpan(0, old.Start), block, text.AsSpan(old.Start + old.Length));
        }

        if (block.Length == 0 || text.Length == 0)
        {
            return text + block;
        }

        return text.EndsWith('\n') ? text + block : text + "\n" + block;
    }

    /// <summary>Where the block is: from the begin marker to the end of the end marker's line (its line break included).</summary>
    private static (int Start, int Length)? Find(string text)
    {
        var start = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return text.Contains(EndMarker, StringComparison.Ordinal)
                ? throw new FormatException("the revoked-client block has an end marker without its begin marker; remove the marker line")
                : null;
        }

        var end = text.IndexOf(EndMarker, start, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException("the revoked-client block has no end marker; remove the block's lines so it can be written again");
        }

        end += EndMarker.Length;
        if (end < text.Length && text[end] == '\n')
        {
            end++;
        }

        if (text.IndexOf(BeginMarker, end, StringComparison.Ordinal) >= 0)
        {
            throw new FormatException("there is more than one revoked-client block; remove all but one");
        }

        return (start, end - start);
    }

    [GeneratedRegex(@"^if \(\$\$?ssl_client_serial = (?<serial>-?[0-9A-F]+)\) \{ return 403; \}$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DenyLine();
}
