using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// The one place that knows <c>SERVERS</c> (KCM 2.12 and later): how its YAML or JSON text is read, which variables
/// an entry may set, and each server's effective settings, the entry's value else the top-level one. The reader, the
/// mapper, the validator, <c>check-client</c>, <c>client-auth</c> and <c>verify</c> all ask it.
/// </summary>
internal static class KcmServerSettings
{
    private const string Label = KcmVariables.Servers;

    /// <summary>The container path a server's client CA is mounted at unless chosen otherwise: <c>/certs/client-ca-HOST.pem</c>.</summary>
    public static string DefaultCaPath(string sslHostname) => $"/certs/client-ca-{sslHostname.TrimEnd('.')}.pem";

    /// <summary>The server-settable variable named <paramref name="name"/> in any letter case (for command-line input), or <see langword="null"/>.</summary>
    public static KcmSetting? Find(string name) =>
        KcmSettings.ServerOverridable.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The message for a name that is not a server-settable variable.</summary>
    public static string UnknownMessage(string name) =>
        $"'{name}' is not a variable a SERVERS entry can set ({string.Join(", ", KcmSettings.ServerOverridable.Select(s => s.Name))}).";

    /// <summary>The effective settings of one server: <paramref name="top"/> without <c>SERVERS</c>, overridden by <paramref name="overrides"/>.</summary>
    public static Dictionary<string, T> Effective<T>(IReadOnlyDictionary<string, T> top, IEnumerable<KeyValuePair<string, T>> overrides)
    {
        var effective = new Dictionary<string, T>(top, StringComparer.Ordinal);
        effective.Remove(KcmVariables.Servers);
        foreach (var (name, value) in overrides)
        {
            effective[name] = value;
        }

        return effective;
    }

    /// <summary>The effective proxy variables of <paramref name="server"/> on <paramref name="proxy"/>: its overrides, else what the proxy sets (extra environment included).</summary>
    public static Dictionary<string, string> Effective(KcmProxy proxy, KcmServer server)
    {
        var top = KcmComposeMapper.ProxyEnvironment(proxy, new SortedDictionary<string, EnvironmentValue?>(StringComparer.Ordinal));
        foreach (var entry in proxy.ExtraEnvironment)
        {
            top[entry.Name] = entry.Value;
        }

        var literal = top.Where(e => KcmSettings.FindProxySetting(e.Key) is not null).ToDictionary(e => e.Key, e => e.Value?.Text ?? string.Empty, StringComparer.Ordinal);
        return Effective(literal, server.Overrides.Select(o => KeyValuePair.Create(o.Name, o.Value?.Text ?? string.Empty)).Append(KeyValuePair.Create(KcmVariables.SslHostname, server.SslHostname.Value)));
    }

    // ---- the text ----------------------------------------------------------------------------------------------

    /// <summary>One entry as written: its mapping and its settings (key and value scalars, locations inside the text).</summary>
    internal sealed record Entry(ComposeNode Node, ImmutableArray<(ComposeScalar Key, ComposeScalar Value)> Settings);

    /// <summary>A problem inside the text; <see cref="Location"/> counts within the text.</summary>
    internal sealed record Problem(string Code, SourceLocation? Location, int Length, int? Entry, string? Name, string? Value, string Message, string Fix);

    /// <summary>The text read: its entries and what is wrong with it.</summary>
    internal sealed record Parsed(ImmutableArray<Entry> Entries, ImmutableArray<Problem> Problems);

    /// <summary>Reads <c>SERVERS</c> text: a YAML or JSON list of mappings from variable names to single values.</summary>
    public static Parsed Parse(string text)
    {
        ComposeNode root;
        try
        {
            root = ComposeYamlReader.ReadValue(text, Label);
        }
        catch (ComposeLoadException e)
        {
            return new([], [new Problem(
                KcmProblemCodes.ServersInvalid, e.Location, 1, null, null, null,
                $"SERVERS is not valid YAML or JSON: {e.Problem.TrimEnd('.')}.",
                "Write SERVERS as a list of mappings, one per server, such as '- SSL_HOSTNAME: internal.example.com'.")]);
        }

        var problems = ImmutableArray.CreateBuilder<Problem>();
        var entries = ImmutableArray.CreateBuilder<Entry>();
        switch (root)
        {
            case ComposeScalar { Type: ScalarType.Null }:
                break;
            case ComposeSequence sequence:
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    entries.Add(ReadEntry(sequence.Items[i], i, problems));
                }

                break;
            default:
                problems.Add(new Problem(
                    KcmProblemCodes.ServersInvalid, root.Location, 1, null, null, null,
                    "SERVERS must be a list (one mapping per server), but this is a single value or mapping.",
                    "Start each server with '- ' (YAML) or write a JSON array '[{...}, {...}]'."));
                break;
        }

        return new Parsed(entries.ToImmutable(), problems.ToImmutable());
    }

    private static Entry ReadEntry(ComposeNode item, int index, ImmutableArray<Problem>.Builder problems)
    {
        if (item is not ComposeMapping mapping)
        {
            problems.Add(new Problem(
                KcmProblemCodes.ServersInvalid, item.Location, 1, index, null, (item as ComposeScalar)?.Value,
                $"SERVERS[{index}] is not a mapping of variables to values.",
                "Write each server as NAME: value lines (YAML) or a JSON object."));
            return new Entry(item, []);
        }

        var settings = ImmutableArray.CreateBuilder<(ComposeScalar, ComposeScalar)>();
        foreach (var entry in mapping.Entries)
        {
            var name = entry.Key.Value;
            var setting = KcmSettings.FindProxySetting(name);
            if (setting is null || setting.Rule == KcmValueRule.ServerList || setting == KcmSettings.AcceptEula)
            {
                var close = Find(name);
                var hint = close is not null && close.Name != name ? $" Did you mean {close.Name}? Names are case-sensitive." : string.Empty;
                problems.Add(new Problem(
                    KcmProblemCodes.ServerSettingUnknown, entry.Key.Location, Math.Max(1, name.Length), index, name, name,
                    $"SERVERS[{index}] sets {name}, which is not a variable a server entry can set, so it has no effect.{hint}",
                    $"Use one of {string.Join(", ", KcmSettings.ServerOverridable.Select(s => s.Name))}."));
                continue;
            }

            if (entry.Value is not ComposeScalar value)
            {
                problems.Add(new Problem(
                    KcmProblemCodes.ServersInvalid, entry.Value.Location ?? entry.Key.Location, 1, index, name, null,
                    $"SERVERS[{index}].{name} is a list or mapping, not a single value.",
                    "Give the variable one value, quoted if it holds ':' or '#'."));
                continue;
            }

            settings.Add((entry.Key, value.Type == ScalarType.Null ? new ComposeScalar(string.Empty) { Location = value.Location ?? entry.Key.Location } : value));
        }

        return new Entry(mapping, settings.ToImmutable());
    }

    /// <summary>The <c>SERVERS</c> text for <paramref name="servers"/>: a YAML list, one mapping per server, <c>SSL_HOSTNAME</c> first; literal (not escaped for Compose).</summary>
    public static string Format(IEnumerable<KcmServer> servers)
    {
        var items = servers.Select(server => (ComposeNode)new ComposeMapping(
        [
            new ComposeEntry(new ComposeScalar(KcmVariables.SslHostname), new ComposeScalar(server.SslHostname.Value)),
            .. server.Overrides.Select(o => new ComposeEntry(new ComposeScalar(o.Name), new ComposeScalar(o.Value?.Text ?? string.Empty))),
        ]));
        return ComposeEmitter.EmitSequence(new ComposeSequence([.. items]));
    }

    // ---- the servers of a proxy service ---------------------------------------------------------------------------

    /// <summary>
    /// The servers of <paramref name="proxy"/>: the top-level one, then one per <c>SERVERS</c> entry with its effective
    /// environment (entry variables carry paths such as <c>services.ssl.environment.SERVERS[1].SSL_VERIFY_DEPTH</c>
    /// and locations in the compose file), and the problems of the text.
    /// </summary>
    /// <param name="proxy">The proxy service.</param>
    /// <param name="locate">Maps a piece of a scalar's value to its place in the file; <see langword="null"/> approximates.</param>
    public static KcmServerViews Read(KcmServiceView proxy, Func<ComposeScalar, int, int, SourceLocation?>? locate = null)
    {
        var envPath = proxy.Path + ".environment";
        var top = new KcmServerView(null, envPath, proxy.Key, proxy.Environment);
        if (proxy.Setting(KcmVariables.Servers) is not { } servers)
        {
            return new KcmServerViews([top], []);
        }

        var problems = ImmutableArray.CreateBuilder<ComposeProblem>();
        var rawText = servers.RawValue ?? servers.Value!;
        var raw = servers.Raw;
        var fallback = raw?.Location ?? servers.Key.Location;
        var lineStarts = LineStarts(rawText);

        SourceLocation? Map(SourceLocation? inner, int length)
        {
            if (inner is not { } at || raw is null || at.Line > lineStarts.Count)
            {
                return fallback;
            }

            var offset = Math.Min(lineStarts[at.Line - 1] + at.Column - 1, rawText.Length - 1);
            if (offset < 0)
            {
                return fallback;
            }

            length = Math.Clamp(length, 1, rawText.Length - offset);
            return locate?.Invoke(raw, servers.RawOffset + offset, length)
                ?? (raw.Style is ScalarStyle.Literal or ScalarStyle.Folded
                    ? new SourceLocation(at.File == Label ? fallback?.File ?? Label : at.File, (fallback?.Line ?? 0) + at.Line, at.Column)
                    : fallback);
        }

        var parsedRaw = Parse(rawText);
        foreach (var problem in parsedRaw.Problems)
        {
            var path = envPath + "." + Label + (problem.Entry is { } i ? $"[{i}]" : string.Empty) + (problem.Name is { } n ? "." + n : string.Empty);
            problems.Add(new ComposeProblem(problem.Code, WithFile(Map(problem.Location, problem.Length), fallback), path, problem.Value, problem.Message, problem.Fix));
        }

        // Values as the container sees them (after interpolation), places from the text as written.
        var parsedResolved = servers.Value == rawText ? parsedRaw : Parse(servers.Value!);
        var sameShape = parsedResolved.Entries.Length == parsedRaw.Entries.Length
            && parsedResolved.Entries.Zip(parsedRaw.Entries).All(p => p.First.Settings.Select(s => s.Key.Value).SequenceEqual(p.Second.Settings.Select(s => s.Key.Value)));
        var views = ImmutableArray.CreateBuilder<KcmServerView>();
        views.Add(top);
        for (var i = 0; i < parsedResolved.Entries.Length; i++)
        {
            var entryPath = $"{envPath}.{Label}[{i}]";
            var written = sameShape ? parsedRaw.Entries[i] : null;
            var anchor = new ComposeScalar($"{Label}[{i}]") { Location = WithFile(Map(written?.Node.Location, 1), fallback) };
            var overrides = new List<KeyValuePair<string, KcmVariable>>();
            var settings = parsedResolved.Entries[i].Settings;
            for (var j = 0; j < settings.Length; j++)
            {
                var (key, value) = settings[j];
                var (writtenKey, writtenValue) = written is null ? (key, value) : written.Settings[j];
                var keyScalar = key with { Location = WithFile(written is null ? fallback : Map(writtenKey.Location, writtenKey.Value.Length), fallback) };
                var rawScalar = writtenValue with { Location = WithFile(written is null ? fallback : Map(writtenValue.Location, writtenValue.Value.Length), fallback) };
                overrides.Add(KeyValuePair.Create(key.Value, new KcmVariable(key.Value, keyScalar, rawScalar, 0, value.Value, $"{entryPath}.{key.Value}", servers.EnvFile)));
            }

            views.Add(new KcmServerView(i, entryPath, anchor, Effective(proxy.Environment, overrides)));
        }

        CheckDuplicates(views, problems);
        return new KcmServerViews(views.ToImmutable(), problems.ToImmutable());
    }

    private static void CheckDuplicates(ImmutableArray<KcmServerView>.Builder views, ImmutableArray<ComposeProblem>.Builder problems)
    {
        var seen = new Dictionary<string, KcmServerView>(StringComparer.OrdinalIgnoreCase);
        foreach (var view in views)
        {
            if (view.Hostname is not { } host)
            {
                continue;
            }

            if (!seen.TryAdd(host.TrimEnd('.'), view))
            {
                var first = seen[host.TrimEnd('.')];
                var own = view.Index is not null && view.Environment[KcmVariables.SslHostname].Path.StartsWith(view.Path + ".", StringComparison.Ordinal);
                var variable = view.Environment[KcmVariables.SslHostname];
                problems.Add(new ComposeProblem(
                    KcmProblemCodes.ServerHostnameDuplicate,
                    own ? variable.Raw?.Location ?? variable.Key.Location : view.Anchor.Location,
                    own ? variable.Path : view.Path + "." + KcmVariables.SslHostname,
                    host,
                    $"{view.Describe} answers for {host}, as {first.Describe} does{(own ? string.Empty : " (it inherits SSL_HOSTNAME)")}; nginx uses only one of them.",
                    "Give every SERVERS entry its own SSL_HOSTNAME."));
            }
        }
    }

    private static SourceLocation? WithFile(SourceLocation? location, SourceLocation? fallback) =>
        location is { File: Label } inner ? inner with { File = fallback?.File ?? Label } : location;

    private static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }
}
