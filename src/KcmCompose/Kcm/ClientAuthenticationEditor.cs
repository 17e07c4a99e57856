using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Turns client-certificate authentication on or off in an existing compose file by editing its text in place:
/// comments, order and formatting elsewhere are kept. The proxy service is found by image
/// (<see cref="KcmImages.SslNginx"/>), whatever its name.
/// </summary>
/// <remarks>
/// Enable mounts the CA read-only (short syntax unless the service's first volume uses the long syntax), and sets
/// <c>CLIENT_CERTIFICATE_FILE</c> plus the optional settings that are not <see langword="null"/> in the environment's
/// own style (mapping or <c>NAME=value</c> list); an existing variable or CA mount is replaced, never doubled.
/// Settings left <see langword="null"/> are left as the file has them. A service with only <c>env_file</c> gets an
/// <c>environment:</c> block, whose values Compose prefers over the env file's. Disable removes the four variables and
/// the mount of the CA file, and the <c>environment:</c> / <c>volumes:</c> key when nothing else is left in it.
/// </remarks>
public static partial class ClientAuthenticationEditor
{
    private static readonly string[] _variables =
        [KcmVariables.ClientCertificateFile, KcmVariables.SslVerifyClient, KcmVariables.SslVerifyDepth, KcmVariables.AdditionalNginxConfig];

    /// <summary>Enables or updates client authentication in <paramref name="composeText"/>.</summary>
    /// <param name="composeText">The compose file's text.</param>
    /// <param name="settings">What to set; <see cref="ClientAuthentication.CaHostPath"/> null means no mount is added.</param>
    /// <param name="file">The label used in messages.</param>
    public static ComposeEditResult Enable(string composeText, ClientAuthentication settings, string file = ComposeDocument.StringLabel)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        ArgumentNullException.ThrowIfNull(settings);
        return EditProxy(
            composeText,
            file,
            (document, proxy, _) => SwarmClientAuthentication.IsStackFile(document.Root) ? SwarmEnableEdits(document, proxy, settings, file) : EnableEdits(proxy, settings),
            "enabled client authentication",
            "client authentication is already set as asked");
    }

    /// <summary>Removes client authentication from <paramref name="composeText"/>.</summary>
    public static ComposeEditResult Disable(string composeText, string file = ComposeDocument.StringLabel)
    {
        ArgumentNullException.ThrowIfNull(composeText);
        return EditProxy(
            composeText,
            file,
            (document, proxy, _) => [.. SwarmClientAuthentication.Disable(document, proxy), .. DisableEdits(proxy)],
            "disabled client authentication",
            "client authentication is not enabled");
    }

    /// <summary>
    /// Like <see cref="Enable"/>, on a file written atomically in place (mode, owner, group and BOM kept). Refused, with
    /// nothing written, when the file is read-only (unless <see cref="ComposeFileEditOptions.Force"/>) or changed after it
    /// was read.
    /// </summary>
    /// <exception cref="IOException">The path is a FIFO, device or folder, or above 4 MiB (one line naming it).</exception>
    public static Task<ComposeEditResult> EnableFileAsync(
        string path,
        ClientAuthentication settings,
        ComposeFileEditOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ComposeTextFile.EditAsync(path, (text, file) => Enable(text, settings, file), options, cancellationToken);
    }

    /// <summary>Like <see cref="Disable"/>, on a file written atomically in place; refused like <see cref="EnableFileAsync"/>.</summary>
    /// <exception cref="IOException">The path is a FIFO, device or folder, or above 4 MiB (one line naming it).</exception>
    public static Task<ComposeEditResult> DisableFileAsync(string path, ComposeFileEditOptions? options = null, CancellationToken cancellationToken = default) =>
        ComposeTextFile.EditAsync(path, Disable, options, cancellationToken);

    /// <summary>Edits the single proxy service of <paramref name="text"/> with the edits <paramref name="plan"/> makes.</summary>
    internal static ComposeEditResult EditProxy(
        string text,
        string file,
        Func<ComposeService, KcmServiceView, IReadOnlyList<ComposeEdit>> plan,
        string done,
        string nothing) =>
        EditProxy(text, file, (_, proxy, view) => plan(proxy, view), done, nothing);

    /// <summary>Like the overload above, with the parsed document handed to <paramref name="plan"/>.</summary>
    internal static ComposeEditResult EditProxy(
        string text,
        string file,
        Func<ComposeDocument, ComposeService, KcmServiceView, IReadOnlyList<ComposeEdit>> plan,
        string done,
        string nothing)
    {
        ComposeEditResult Refuse(string message) => new(ComposeEditStatus.Refused, file, text, text, message);
        ComposeDocument document;
        try
        {
            document = ComposeDocument.Parse(text, file);
        }
        catch (ComposeLoadException e)
        {
            return Refuse(e.Message);
        }

        if (KcmServices.Read(document).SingleProxy(out var problem) is not { } view)
        {
            return Refuse($"{file}: {problem!.Code}: {problem.Message} {problem.Fix}");
        }

        var proxy = ComposeServices.Read(document).Find(view.Name)!;
        try
        {
            var edited = ComposeTextEditor.Apply(text, plan(document, proxy, view), file, document.Root);
            return ReferenceEquals(edited, text)
                ? new ComposeEditResult(ComposeEditStatus.Unchanged, file, text, text, $"{file}: {nothing} on service '{proxy.Name}'.")
                : new ComposeEditResult(ComposeEditStatus.Changed, file, text, edited, $"{file}: {done} on service '{proxy.Name}'.");
        }
        catch (ComposeEditException e)
        {
            return Refuse(e.Message);
        }
    }

    /// <summary>The proxy variables <paramref name="settings"/> sets; those left <see langword="null"/> are left as the file has them.</summary>
    private static List<(string Name, string? Value)> Values(ClientAuthentication settings)
    {
        var values = new List<(string Name, string? Value)> { (KcmVariables.ClientCertificateFile, settings.CaFile.Value) };
        if (settings.VerifyClient is { } verify)
        {
            values.Add((KcmVariables.SslVerifyClient, verify.ToComposeValue()));
        }

        if (settings.VerifyDepth is { } depth)
        {
            values.Add((KcmVariables.SslVerifyDepth, depth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (settings.AdditionalNginxConfig is { } config)
        {
            values.Add((KcmVariables.AdditionalNginxConfig, config));
        }

        return values;
    }

    private static List<ComposeEdit> EnableEdits(ComposeService proxy, ClientAuthentication settings)
    {
        var values = Values(settings);
        var edits = new List<ComposeEdit>();
        var service = ServicePath(proxy);
        if (settings.CaHostPath is { } host)
        {
            var previous = proxy.FindEnvironment(KcmVariables.ClientCertificateFile)?.Value;
            var targets = new HashSet<string>(StringComparer.Ordinal) { settings.CaFile.Value };
            if (previous is not null)
            {
                targets.Add(previous);
            }

            edits.AddRange(VolumeEdits(proxy, service, targets, Mount(proxy, host, settings.CaFile.Value)));
        }

        edits.AddRange(EnvironmentEdits(proxy, service, values, []));
        return edits;
    }

    /// <summary>
    /// Enable on a Swarm stack file (<see cref="SwarmClientAuthentication"/>): the CA becomes a config named after its
    /// content (read now from the host path, relative to the file's folder), a bind mount of it is removed.
    /// </summary>
    private static List<ComposeEdit> SwarmEnableEdits(ComposeDocument document, ComposeService proxy, ClientAuthentication settings, string file)
    {
        var edits = new List<ComposeEdit>();
        var service = ServicePath(proxy);
        if (settings.CaHostPath is { } host)
        {
            var folder = file == ComposeDocument.StringLabel ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(file))!;
            edits.AddRange(SwarmClientAuthentication.Enable(document, proxy, settings, Path.GetFullPath(host, folder)));
            var targets = new HashSet<string>(StringComparer.Ordinal) { settings.CaFile.Value };
            if (proxy.FindEnvironment(KcmVariables.ClientCertificateFile)?.Value is { } previous)
            {
                targets.Add(previous);
            }

            edits.AddRange(VolumeEdits(proxy, service, targets, replacement: null));
        }

        edits.AddRange(EnvironmentEdits(proxy, service, Values(settings), []));
        return edits;
    }

    private static List<ComposeEdit> DisableEdits(ComposeService proxy)
    {
        var service = ServicePath(proxy);
        var edits = new List<ComposeEdit>();
        if (proxy.FindEnvironment(KcmVariables.ClientCertificateFile)?.Value is { Length: > 0 } caFile)
        {
            edits.AddRange(VolumeEdits(proxy, service, new HashSet<string>(StringComparer.Ordinal) { caFile }, replacement: null));
        }

        edits.AddRange(EnvironmentEdits(proxy, service, [], _variables));
        return edits;
    }

    private static ImmutableArray<object> ServicePath(ComposeService proxy) => ["services", proxy.Name];

    /// <summary>The CA mount in the style of the service's existing volumes.</summary>
    private static ComposeNode Mount(ComposeService proxy, string host, string target)
    {
        var longSyntax = proxy.Node["volumes"] is ComposeSequence { Items: [ComposeMapping, ..] } || host.Contains(':', StringComparison.Ordinal);
        var source = ComposeText.Escape(host);
        if (!longSyntax)
        {
            return new ComposeScalar($"{source}:{target}:ro");
        }

        return new ComposeMapping(
        [
            new ComposeEntry(new ComposeScalar("type"), new ComposeScalar("bind")),
            new ComposeEntry(new ComposeScalar("source"), new ComposeScalar(source)),
            new ComposeEntry(new ComposeScalar("target"), new ComposeScalar(target)),
            new ComposeEntry(new ComposeScalar("read_only"), new ComposeScalar("true", ScalarType.Boolean)),
        ]);
    }

    /// <summary>Replaces the first volume whose target is in <paramref name="targets"/> (removing the others), or adds one.</summary>
    private static IEnumerable<ComposeEdit> VolumeEdits(ComposeService proxy, ImmutableArray<object> service, HashSet<string> targets, ComposeNode? replacement)
    {
        var path = service.Add("volumes");
        switch (proxy.Node["volumes"])
        {
            case null or ComposeScalar { Type: ScalarType.Null }:
                if (replacement is not null)
                {
                    yield return new ComposeEdit.SetEntry(service, "volumes", new ComposeSequence([replacement]));
                }

                yield break;
            case ComposeSequence sequence:
                var matches = Enumerable.Range(0, sequence.Items.Length).Where(i => MountTarget(sequence.Items[i]) is { } t && targets.Contains(t)).ToList();
                if (replacement is null && matches.Count == sequence.Items.Length)
                {
                    yield return new ComposeEdit.RemoveEntry(service, "volumes");
                    yield break;
                }

                var removals = matches;
                if (replacement is not null)
                {
                    if (matches.Count == 0)
                    {
                        yield return new ComposeEdit.AddItem(path, replacement);
                    }
                    else
                    {
                        yield return new ComposeEdit.ReplaceItem(path, matches[0], replacement);
                        removals = matches.Skip(1).ToList();
                    }
                }

                foreach (var index in removals.OrderDescending())
                {
                    yield return new ComposeEdit.RemoveItem(path, index);
                }

                yield break;
            default:
                throw new ComposeEditException($"'services.{proxy.Name}.volumes' is neither a list nor empty; fix it first.");
        }
    }

    private static string? MountTarget(ComposeNode item) => item switch
    {
        ComposeScalar scalar => scalar.Value.Split(':') switch
        {
            [var only] => only,
            [_, var target, ..] => target,
            _ => null,
        },
        ComposeMapping mapping => (mapping["target"] as ComposeScalar)?.Value,
        _ => null,
    };

    /// <summary>Sets and removes variables in the proxy's <c>environment:</c>, in its own style; values are escaped for Compose unless <paramref name="escape"/> is false.</summary>
    internal static List<ComposeEdit> EnvironmentEdits(ComposeService proxy, List<(string Name, string? Value)> set, string[] remove, bool escape = true) =>
        [.. EnvironmentEdits(proxy, ServicePath(proxy), set, remove, escape ? ComposeText.Escape : v => v)];

    private static IEnumerable<ComposeEdit> EnvironmentEdits(
        ComposeService proxy,
        ImmutableArray<object> service,
        List<(string Name, string? Value)> set,
        string[] remove,
        Func<string, string>? escape = null)
    {
        escape ??= ComposeText.Escape;
        var path = service.Add("environment");
        switch (proxy.Node["environment"])
        {
            case null or ComposeScalar { Type: ScalarType.Null }:
                if (set.Count > 0)
                {
                    yield return new ComposeEdit.SetEntry(
                        service,
                        "environment",
                        new ComposeMapping([.. set.Select(v => new ComposeEntry(new ComposeScalar(v.Name), new ComposeScalar(escape(v.Value!))))]));
                }

                yield break;
            case ComposeMapping mapping:
                if (remove.Length > 0 && mapping.Entries.All(e => remove.Contains(e.Key.Value)))
                {
                    yield return new ComposeEdit.RemoveEntry(service, "environment");
                    yield break;
                }

                foreach (var (name, value) in set)
                {
                    yield return new ComposeEdit.SetEntry(path, name, new ComposeScalar(escape(value!)));
                }

                foreach (var name in remove)
                {
                    if (mapping.Find(name) is not null)
                    {
                        yield return new ComposeEdit.RemoveEntry(path, name);
                    }
                }

                yield break;
            case ComposeSequence sequence:
                {
                    var names = sequence.Items.Select(i => i is ComposeScalar s ? s.Value.Split('=', 2)[0] : null).ToList();
                    if (remove.Length > 0 && names.All(n => n is not null && remove.Contains(n)))
                    {
                        yield return new ComposeEdit.RemoveEntry(service, "environment");
                        yield break;
                    }

                    var removals = new List<int>();
                    foreach (var (name, value) in set)
                    {
                        var item = new ComposeScalar($"{name}={escape(value!)}");
                        var found = Enumerable.Range(0, names.Count).Where(i => names[i] == name).ToList();
                        if (found.Count == 0)
                        {
                            yield return new ComposeEdit.AddItem(path, item);
                        }
                        else
                        {
                            yield return new ComposeEdit.ReplaceItem(path, found[0], item);
                            removals.AddRange(found.Skip(1));
                        }
                    }

                    removals.AddRange(Enumerable.Range(0, names.Count).Where(i => names[i] is { } n && remove.Contains(n)));
                    foreach (var index in removals.Distinct().OrderDescending())
                    {
                        yield return new ComposeEdit.RemoveItem(path, index);
                    }

                    yield break;
                }

            default:
                throw new ComposeEditException($"'services.{proxy.Name}.environment' is neither a mapping nor a list; fix it first.");
        }
    }
}
