using KcmCompose.Compose;
using KcmCompose.Kcm;

namespace KcmCompose.Validation;

/// <summary>
/// What every rule sees: the document as written (locations, raw text with <c>$</c>) and as Compose will
/// read it after interpolation, where the file lives, the variables and the options.
/// </summary>
internal sealed class ValidationContext
{
    private readonly Dictionary<string, SourceText>? _otherSources;
    private KcmServices? _kcm;
    private HashSet<string>? _serviceHostNames;
    private Dictionary<string, KcmServerViews>? _servers;

    public ValidationContext(
        ComposeDocument document,
        ComposeMapping interpolatedRoot,
        string? text,
        IReadOnlyDictionary<string, string> variables,
        ComposeValidatorOptions options,
        IReadOnlyDictionary<string, string>? otherTexts = null)
    {
        Document = document;
        InterpolatedRoot = interpolatedRoot;
        Source = text is null ? null : new SourceText(text);
        _otherSources = otherTexts?.ToDictionary(t => t.Key, t => new SourceText(t.Value), StringComparer.Ordinal);
        Variables = variables;
        Options = options;
        var isFile = document.File != ComposeDocument.StringLabel;
        var full = Path.GetFullPath(isFile ? document.File : ".");
        Folder = isFile ? Path.GetDirectoryName(full) ?? full : full;
    }

    /// <summary>The document as written: raw scalar text, locations of the original nodes.</summary>
    public ComposeDocument Document { get; }

    /// <summary>The compose file as the user named it (or <c>&lt;string&gt;</c>).</summary>
    public string File => Document.File;

    /// <summary>The compose file's folder, absolute; relative bind-mount sources resolve against it.</summary>
    public string Folder { get; }

    /// <summary>The top-level mapping as written.</summary>
    public ComposeMapping Root => Document.Root;

    /// <summary>The document after <c>${VAR}</c> interpolation; nodes keep their original locations.</summary>
    public ComposeMapping InterpolatedRoot { get; }

    /// <summary>The source text, when known; places positions inside multi-line values.</summary>
    public SourceText? Source { get; }

    /// <summary>The variables interpolation used (process environment over the env file).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The options, including the <see cref="ComposeValidatorOptions.TimeProvider"/>.</summary>
    public ComposeValidatorOptions Options { get; }

    /// <summary>The clock; never read the system time directly.</summary>
    public TimeProvider TimeProvider => Options.TimeProvider;

    /// <summary>The typed views of the interpolated services (ports, volumes, environment... in normalised form).</summary>
    public System.Collections.Immutable.ImmutableArray<ComposeService> TypedServices { get; init; } = [];

    /// <summary>The services as every command sees them (<see cref="KcmServices"/>): role by image, effective environment.</summary>
    public KcmServices Kcm => _kcm ??= KcmServices.Read(Root, InterpolatedRoot, Folder, Variables);

    /// <summary>Every service that is a mapping, raw and interpolated side by side, in file order.</summary>
    public System.Collections.Immutable.ImmutableArray<KcmServiceView> Services => Kcm.All;

    /// <summary>
    /// The nginx servers of a proxy service (<see cref="KcmServerSettings.Read"/>): the top-level one, then one per
    /// <c>SERVERS</c> entry, entry values placed in the file through <see cref="Locate"/>. Read once per service.
    /// </summary>
    public KcmServerViews ServersOf(KcmServiceView proxy)
    {
        _servers ??= new Dictionary<string, KcmServerViews>(StringComparer.Ordinal);
        if (!_servers.TryGetValue(proxy.Name, out var servers))
        {
            servers = KcmServerSettings.Read(proxy, Locate);
            _servers[proxy.Name] = servers;
        }

        return servers;
    }

    /// <summary>
    /// The names other services reach a service by: service names, <c>container_name</c>, <c>hostname</c> and network
    /// aliases. Built once per run (a file may have many proxies, each checked against every service).
    /// </summary>
    public IReadOnlySet<string> ServiceHostNames => _serviceHostNames ??= HostNames(Services);

    private static HashSet<string> HostNames(System.Collections.Immutable.ImmutableArray<KcmServiceView> services)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            names.Add(service.Name);
            if (service.Text("container_name") is { } containerName)
            {
                names.Add(containerName);
            }

            if (service.Text("hostname") is { } hostName)
            {
                names.Add(hostName);
            }

            if (service.Resolved["networks"] is ComposeMapping networks)
            {
                foreach (var network in networks.Entries)
                {
                    if (network.Value is ComposeMapping { } settings && settings["aliases"] is ComposeSequence aliases)
                    {
                        names.UnionWith(aliases.Items.OfType<ComposeScalar>().Select(a => a.Value));
                    }
                }
            }
        }

        return names;
    }

    /// <summary>Builds a diagnostic from a catalog row, pointing at <paramref name="node"/> (or the file start).</summary>
    public Diagnostic At(DiagnosticDescriptor descriptor, ComposeNode? node, string path, string? value, params object?[] args) =>
        descriptor.Create(File, node?.Location, path, value, args);

    /// <summary>Builds a diagnostic from a catalog row at an explicit location.</summary>
    public Diagnostic At(DiagnosticDescriptor descriptor, SourceLocation? location, string path, string? value, params object?[] args) =>
        descriptor.Create(File, location, path, value, args);

    /// <summary>Where a variable's value is (or its key, when there is no value).</summary>
    public SourceLocation? ValueLocation(KcmVariable variable) =>
        variable.Raw is not { } raw ? variable.Key.Location
        : variable.RawOffset == 0 || raw.Value.Length <= variable.RawOffset ? raw.Location
        : Locate(raw, variable.RawOffset, raw.Value.Length - variable.RawOffset);

    /// <summary>Where the text <c>value[offset..offset+length]</c> of a scalar is in the file, as exactly as the source allows.</summary>
    public SourceLocation? Locate(ComposeScalar scalar, int offset, int length) =>
        SourceOf(scalar)?.Locate(scalar, offset, length) ?? scalar.Location;

    /// <summary>The text of the file <paramref name="scalar"/> comes from: the main file's, or another merged file's.</summary>
    private SourceText? SourceOf(ComposeScalar scalar) =>
        _otherSources is not null && scalar.Location is { } at && at.File != File && _otherSources.TryGetValue(at.File, out var other) ? other : Source;
}
