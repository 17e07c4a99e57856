using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>Client authentication on one <c>SERVERS</c> entry: the entry's variables and its CA mount, everything else kept.</summary>
public static partial class ClientAuthenticationEditor
{
    /// <summary>
    /// Enables or updates client authentication on the server answering for <paramref name="sslHostname"/> only: the
    /// top-level server when it is the proxy's <c>SSL_HOSTNAME</c> (as <see cref="Enable"/>), else its <c>SERVERS</c>
    /// entry, whose text is written again as a YAML block (the form <c>emit</c> writes) and whose CA is mounted read-only.
    /// </summary>
    /// <param name="composeText">The compose file's text.</param>
    /// <param name="sslHostname">The server's host name.</param>
    /// <param name="settings">What to set; for an entry, pick a container path no other server uses (such as <c>/certs/client-ca-HOST.pem</c>).</param>
    /// <param name="file">The label used in messages.</param>
    public static ComposeEditResult EnableServer(string composeText, string sslHostname, ClientAuthentication settings, string file = ComposeDocument.StringLabel)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        ArgumentNullException.ThrowIfNull(sslHostname);
        ArgumentNullException.ThrowIfNull(settings);
        return EditProxy(
            composeText,
            file,
            (proxy, view) => ServerOf(view, sslHostname) is { Index: not null } server ? EnableServerEdits(proxy, view, server, settings) : EnableEdits(proxy, settings),
            $"enabled client authentication for {sslHostname}",
            $"client authentication for {sslHostname} is already set as asked");
    }

    /// <summary>
    /// Removes client authentication from the server answering for <paramref name="sslHostname"/> only (the top-level
    /// server as <see cref="Disable"/>): the entry's own variables and its CA mount when no other server uses it; an entry
    /// that would still inherit the top-level CA gets <c>CLIENT_CERTIFICATE_FILE: ""</c>.
    /// </summary>
    public static ComposeEditResult DisableServer(string composeText, string sslHostname, string file = ComposeDocument.StringLabel)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        ArgumentNullException.ThrowIfNull(sslHostname);
        return EditProxy(
            composeText,
            file,
            (proxy, view) => ServerOf(view, sslHostname) is { Index: not null } server ? DisableServerEdits(proxy, view, server) : DisableEdits(proxy),
            $"disabled client authentication for {sslHostname}",
            $"client authentication for {sslHostname} is not enabled");
    }

    /// <summary>Like <see cref="EnableServer"/>, on a file written atomically in place; refused like <see cref="EnableFileAsync"/>.</summary>
    /// <exception cref="IOException">The path is a FIFO, device or folder, or above 4 MiB (one line naming it).</exception>
    public static Task<ComposeEditResult> EnableServerFileAsync(
        string path,
        string sslHostname,
        ClientAuthentication settings,
        ComposeFileEditOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ComposeTextFile.EditAsync(path, (text, file) => EnableServer(text, sslHostname, settings, file), options, cancellationToken);

    /// <summary>Like <see cref="DisableServer"/>, on a file written atomically in place; refused like <see cref="EnableFileAsync"/>.</summary>
    /// <exception cref="IOException">The path is a FIFO, device or folder, or above 4 MiB (one line naming it).</exception>
    public static Task<ComposeEditResult> DisableServerFileAsync(
        string path,
        string sslHostname,
        ComposeFileEditOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ComposeTextFile.EditAsync(path, (text, file) => DisableServer(text, sslHostname, file), options, cancellationToken);

    private static KcmServerView ServerOf(KcmServiceView view, string sslHostname)
    {
        var servers = KcmServerSettings.Read(view);
        if (servers.Problems.FirstOrDefault(p => p.Code == KcmProblemCodes.ServersInvalid) is { } invalid)
        {
            throw new ComposeEditException($"{invalid.Path}: {invalid.Message} {invalid.Fix}");
        }

        return servers.Find(sslHostname)
            ?? throw new ComposeEditException($"No server of service '{view.Name}' answers for {sslHostname}; its servers are {string.Join(", ", servers.Hostnames)}.");
    }

    private static List<ComposeEdit> EnableServerEdits(ComposeService proxy, KcmServiceView view, KcmServerView server, ClientAuthentication settings)
    {
        var values = new List<(string Name, string? Value)> { (KcmVariables.ClientCertificateFile, settings.CaFile.Value) };
        if (settings.VerifyClient is { } verify)
        {
            values.Add((KcmVariables.SslVerifyClient, verify.ToComposeValue()));
        }

        if (settings.VerifyDepth is { } depth)
        {
            values.Add((KcmVariables.SslVerifyDepth, KcmSettings.FormatVerifyDepth(depth)));
        }

        if (settings.AdditionalNginxConfig is { } config)
        {
            values.Add((KcmVariables.AdditionalNginxConfig, config));
        }

        var edits = new List<ComposeEdit>();
        if (settings.CaHostPath is { } host)
        {
            var targets = new HashSet<string>(StringComparer.Ordinal) { settings.CaFile.Value };
            if (server.SetsOwn(KcmVariables.ClientCertificateFile) && server.Setting(KcmVariables.ClientCertificateFile)?.Value is { } previous && !UsedElsewhere(view, server, previous))
            {
                targets.Add(previous);
            }

            edits.AddRange(VolumeEdits(proxy, ServicePath(proxy), targets, Mount(proxy, host, settings.CaFile.Value)));
        }

        edits.AddRange(ServersEdit(proxy, view, server.Index!.Value, values, []));
        return edits;
    }

    private static List<ComposeEdit> DisableServerEdits(ComposeService proxy, KcmServiceView view, KcmServerView server)
    {
        var edits = new List<ComposeEdit>();
        var own = server.SetsOwn(KcmVariables.ClientCertificateFile) ? server.Setting(KcmVariables.ClientCertificateFile)?.Value : null;
        if (own is not null && !UsedElsewhere(view, server, own))
        {
            edits.AddRange(VolumeEdits(proxy, ServicePath(proxy), new HashSet<string>(StringComparer.Ordinal) { own }, replacement: null));
        }

        // Still inheriting a CA from the top level: an empty value switches it off for this server.
        var inherited = view.Setting(KcmVariables.ClientCertificateFile) is not null;
        var set = inherited ? new List<(string Name, string? Value)> { (KcmVariables.ClientCertificateFile, string.Empty) } : [];
        edits.AddRange(ServersEdit(proxy, view, server.Index!.Value, set, inherited ? _variables[1..] : _variables));
        return edits;
    }

    private static bool UsedElsewhere(KcmServiceView view, KcmServerView server, string containerPath) =>
        KcmServerSettings.Read(view).All.Any(s => s.Index != server.Index && s.Setting(KcmVariables.ClientCertificateFile)?.Value == containerPath);

    /// <summary>The edit that writes <c>SERVERS</c> again with entry <paramref name="index"/> changed: values set in place (or appended), names removed.</summary>
    private static List<ComposeEdit> ServersEdit(ComposeService proxy, KcmServiceView view, int index, List<(string Name, string? Value)> set, string[] remove)
    {
        var variable = view.Environment[KcmVariables.Servers];
        if (variable.EnvFile is not null || variable.RawValue is not { } raw || !ComposeText.TryUnescape(raw, out var text))
        {
            throw new ComposeEditException($"{variable.Path} is set in an env file or interpolates variables; edit it by hand.");
        }

        var root = (ComposeSequence)ComposeYamlReader.ReadValue(text, KcmVariables.Servers);
        var entry = (ComposeMapping)root.Items[index];
        var entries = entry.Entries.Where(e => !remove.Contains(e.Key.Value)).ToList();
        foreach (var (name, value) in set)
        {
            var replacement = new ComposeEntry(new ComposeScalar(name), new ComposeScalar(value!));
            var at = entries.FindIndex(e => e.Key.Value == name);
            if (at < 0)
            {
                entries.Add(replacement);
            }
            else
            {
                entries[at] = replacement;
            }
        }

        var items = root.Items.SetItem(index, new ComposeMapping([.. entries]));
        var written = ComposeEmitter.EmitSequence(new ComposeSequence(items));
        return written == text ? [] : EnvironmentEdits(proxy, [(KcmVariables.Servers, written)], []);
    }
}
