using System.Collections.Immutable;
using KcmCompose.Compose;
using KcmCompose.IO;

namespace KcmCompose.Kcm;

/// <summary>
/// The one way every command finds the KCM services of a compose file and the environment each container gets:
/// services are recognised by image (<see cref="KcmImages.RoleOf"/>); the environment is the <c>env_file</c> entries
/// in order (read as Compose reads them, <see cref="DotEnvParser"/>), overridden by <c>environment</c>, the last of a
/// repeated name winning. Linear in the size of the file: every lookup is keyed.
/// </summary>
internal sealed class KcmServices
{
    // Built on the first Find: rules look services up by name once per service.
    private Dictionary<string, KcmServiceView>? _byName;
    private Dictionary<KcmServiceRole, KcmServiceView>? _firstByRole;

    private KcmServices(ImmutableArray<KcmServiceView> all, ImmutableArray<ComposeProblem> problems)
    {
        All = all;
        Problems = problems;
    }

    /// <summary>Every service that is a mapping, in file order.</summary>
    public ImmutableArray<KcmServiceView> All { get; }

    /// <summary>Problems found while reading env files (<c>env-file-missing</c>, <c>env-file-invalid</c>).</summary>
    public ImmutableArray<ComposeProblem> Problems { get; }

    /// <summary>The services running the proxy image, in file order.</summary>
    public IEnumerable<KcmServiceView> Proxies => All.Where(s => s.Role == KcmServiceRole.Proxy);

    /// <summary>
    /// The proxy every command acts on: the one service running the proxy image. <see langword="null"/> with
    /// <paramref name="problem"/> (<c>kcm-service-missing</c> or <c>kcm-service-duplicate</c>) when there is none or more than one.
    /// </summary>
    public KcmServiceView? SingleProxy(out ComposeProblem? problem)
    {
        var proxies = Proxies.Take(2).ToList();
        problem = proxies.Count switch
        {
            0 => new ComposeProblem(
                KcmProblemCodes.ServiceMissing, null, "services", null,
                $"No service runs the proxy image {KcmImages.SslNginx} (from any registry, with any tag).",
                $"Add the proxy service with image {KcmImages.SslNginx}:{KcmImages.DefaultTag}, or pass the compose file of the KCM stack."),
            1 => null,
            _ => new ComposeProblem(
                KcmProblemCodes.ServiceDuplicate, proxies[1].Key.Location, proxies[1].Path, proxies[1].Name,
                $"Services '{proxies[0].Name}' and '{proxies[1].Name}' both run {KcmImages.SslNginx}.",
                "Keep one proxy service, or name the service to act on."),
        };
        return problem is null ? proxies[0] : null;
    }

    /// <summary>The first service with <paramref name="role"/>, or <see langword="null"/>.</summary>
    public KcmServiceView? First(KcmServiceRole role)
    {
        // Rules ask once per proxy; a file can hold thousands of proxies.
        var first = _firstByRole ??= All.Where(s => s.Role is not null).GroupBy(s => s.Role!.Value).ToDictionary(g => g.Key, g => g.First());
        return first.GetValueOrDefault(role);
    }

    /// <summary>The service named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public KcmServiceView? Find(string name) => (_byName ??= ByName(All)).GetValueOrDefault(name);

    /// <summary>Reads the services of a document.</summary>
    /// <param name="raw">The top-level mapping as written.</param>
    /// <param name="resolved">The same after interpolation; <paramref name="raw"/> when values are read as written.</param>
    /// <param name="folder">The compose file's folder, against which <c>env_file</c> paths resolve; <see langword="null"/> reads no env file.</param>
    /// <param name="variables">The interpolation variables, which env files may use.</param>
    public static KcmServices Read(ComposeMapping raw, ComposeMapping resolved, string? folder, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(resolved);
        var problems = ImmutableArray.CreateBuilder<ComposeProblem>();
        var views = ImmutableArray.CreateBuilder<KcmServiceView>();
        if (raw["services"] is ComposeMapping rawServices)
        {
            var resolvedServices = Index(resolved["services"] as ComposeMapping);
            foreach (var entry in rawServices.Entries)
            {
                if (entry.Value is not ComposeMapping service)
                {
                    continue;
                }

                var resolvedService = resolvedServices.GetValueOrDefault(entry.Key.Value)?.Value as ComposeMapping ?? service;
                var image = resolvedService["image"] is ComposeScalar { Type: not ScalarType.Null } i ? i.Value : null;
                var environment = Environment(entry.Key.Value, service, resolvedService, folder, variables, problems);
                views.Add(new KcmServiceView(entry.Key.Value, entry.Key, service, resolvedService, KcmImages.RoleOf(image), environment));
            }
        }

        return new KcmServices(views.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>Reads a document for callers that have only the document: values as written, env files beside the file.</summary>
    public static KcmServices Read(ComposeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Read(document.Root, document.Root, FolderOf(document.File));
    }

    /// <summary>The folder of a compose file, or <see langword="null"/> for a document parsed from a string.</summary>
    public static string? FolderOf(string file) =>
        file == ComposeDocument.StringLabel ? null : Path.GetDirectoryName(Path.GetFullPath(file));

    private static Dictionary<string, KcmServiceView> ByName(ImmutableArray<KcmServiceView> all)
    {
        var byName = new Dictionary<string, KcmServiceView>(all.Length, StringComparer.Ordinal);
        foreach (var view in all)
        {
            byName.TryAdd(view.Name, view);
        }

        return byName;
    }

    private static Dictionary<string, ComposeEntry> Index(ComposeMapping? mapping)
    {
        var index = new Dictionary<string, ComposeEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping?.Entries ?? [])
        {
            index[entry.Key.Value] = entry;
        }

        return index;
    }

    private static Dictionary<string, KcmVariable> Environment(
        string name,
        ComposeMapping raw,
        ComposeMapping resolved,
        string? folder,
        IReadOnlyDictionary<string, string>? variables,
        ImmutableArray<ComposeProblem>.Builder problems)
    {
        var result = new Dictionary<string, KcmVariable>(StringComparer.Ordinal);
        var servicePath = "services." + name;
        if (folder is not null)
        {
            foreach (var (file, required, node, path) in EnvFiles(resolved, servicePath))
            {
                foreach (var (key, value) in ReadEnvFile(Path.Combine(folder, file), file, required, node, path, variables, problems))
                {
                    result[key] = new KcmVariable(key, node, null, 0, value, path, file);
                }
            }
        }

        var environmentPath = servicePath + ".environment";
        switch (raw["environment"])
        {
            case ComposeMapping mapping:
                var resolvedEntries = Index(resolved["environment"] as ComposeMapping);
                foreach (var entry in mapping.Entries)
                {
                    var resolvedValue = resolvedEntries.GetValueOrDefault(entry.Key.Value)?.Value as ComposeScalar;
                    var rawValue = entry.Value as ComposeScalar;
                    var value = resolvedValue is null or { Type: ScalarType.Null } ? null : resolvedValue.Value;
                    result[entry.Key.Value] = new KcmVariable(
                        entry.Key.Value, entry.Key, rawValue is { Type: ScalarType.Null } ? null : rawValue, 0, value,
                        ComposePath.Join(environmentPath, entry.Key.Value));
                }

                break;
            case ComposeSequence sequence:
                var resolvedItems = (resolved["environment"] as ComposeSequence)?.Items ?? [];
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    if (sequence.Items[i] is not ComposeScalar { Type: not ScalarType.Null } item)
                    {
                        continue;
                    }

                    var equals = item.Value.IndexOf('=', StringComparison.Ordinal);
                    var key = equals < 0 ? item.Value : item.Value[..equals];
                    string? value = null;
                    if (equals >= 0)
                    {
                        var text = i < resolvedItems.Length && resolvedItems[i] is ComposeScalar r ? r.Value : item.Value;
                        var resolvedEquals = text.IndexOf('=', StringComparison.Ordinal);
                        value = resolvedEquals < 0 ? string.Empty : text[(resolvedEquals + 1)..];
                    }

                    result[key] = new KcmVariable(key, item, equals < 0 ? null : item, equals + 1, value, ComposePath.Join(environmentPath, key));
                }

                break;
        }

        return result;
    }

    private static IEnumerable<(string File, bool Required, ComposeScalar Node, string Path)> EnvFiles(ComposeMapping service, string servicePath)
    {
        var path = servicePath + ".env_file";
        switch (service["env_file"])
        {
            case ComposeScalar { Type: not ScalarType.Null } single:
                yield return (single.Value, true, single, path);
                break;
            case ComposeSequence list:
                for (var i = 0; i < list.Items.Length; i++)
                {
                    switch (list.Items[i])
                    {
                        case ComposeScalar { Type: not ScalarType.Null } item:
                            yield return (item.Value, true, item, ComposePath.Index(path, i));
                            break;
                        case ComposeMapping { } entry when entry["path"] is ComposeScalar file:
                            var required = entry["required"] is not ComposeScalar { Value: "false" or "False" or "FALSE" };
                            yield return (file.Value, required, file, ComposePath.Index(path, i));
                            break;
                    }
                }

                break;
        }
    }

    private static Dictionary<string, string> ReadEnvFile(
        string fullPath,
        string file,
        bool required,
        ComposeScalar node,
        string path,
        IReadOnlyDictionary<string, string>? variables,
        ImmutableArray<ComposeProblem>.Builder problems)
    {
        if (!File.Exists(fullPath))
        {
            if (required)
            {
                problems.Add(new ComposeProblem(
                    KcmProblemCodes.EnvFileMissing, node.Location, path, file,
                    $"The env_file '{file}' does not exist ({fullPath}); Compose refuses to start the service without it.",
                    "Create the file, correct the path, or mark the entry 'required: false'."));
            }

            return new(StringComparer.Ordinal);
        }

        try
        {
            var text = ReadEnvText(fullPath, file);
            return DotEnvParser.Parse(text, file, name => variables is not null && variables.TryGetValue(name, out var v) ? v : null);
        }
        catch (ComposeLoadException e)
        {
            problems.Add(new ComposeProblem(KcmProblemCodes.EnvFileInvalid, e.Location ?? node.Location, path, file, e.Problem.Length > 0 ? e.Problem : e.Message, e.Fix.Length > 0 ? e.Fix : "Correct the env file."));
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Reads an env file through <see cref="InputFile"/> (a regular file within the env limit); anything else is a load problem.</summary>
    private static string ReadEnvText(string fullPath, string file)
    {
        try
        {
            return Utf8File.Decode(InputFile.ReadAllBytes(fullPath, InputFileKind.Env), file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComposeLoadException($"Cannot read the env_file '{file}': {e.Message}", null, "Point env_file at a text file of NAME=value lines.", e);
        }
    }
}
