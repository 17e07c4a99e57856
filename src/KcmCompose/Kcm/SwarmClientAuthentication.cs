using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Client authentication in a Swarm stack file: the CA is a top-level config (<c>file:</c> and a content-hashed
/// <c>name:</c>, <see cref="SwarmObjectName"/>) referenced by the proxy at <c>CLIENT_CERTIFICATE_FILE</c>, instead of a
/// bind mount. A new CA means a new name, and the changed name is what makes <c>docker stack deploy</c> roll the proxy.
/// </summary>
internal static class SwarmClientAuthentication
{
    /// <summary>
    /// A Swarm stack file: a service has a <c>deploy:</c> mapping. The one rule: the validator asks it too
    /// (unless <c>ComposeValidatorOptions.Target</c> decides).
    /// </summary>
    public static bool IsStackFile(ComposeMapping root) =>
        root["services"] is ComposeMapping services && services.Entries.Any(s => s.Value is ComposeMapping m && m["deploy"] is ComposeMapping);

    /// <summary>Whether a <c>configs</c> or <c>secrets</c> entry of <paramref name="service"/> puts a file at <paramref name="target"/> (a stack file's way to deliver the CA).</summary>
    public static bool ProvidesFile(ComposeMapping service, string target) =>
        (service["configs"] is ComposeSequence configs && configs.Items.Any(i => Target(i) == target))
        || (service["secrets"] is ComposeSequence secrets && secrets.Items.Any(i => SecretTarget(i) == target));

    /// <summary>The edits that point the proxy's CA at a config holding <paramref name="settings"/>' CA file (read now, for its hash).</summary>
    /// <exception cref="ComposeEditException">The CA file cannot be read.</exception>
    public static IEnumerable<ComposeEdit> Enable(ComposeDocument document, ComposeService proxy, ClientAuthentication settings, string host)
    {
        var root = document.Root;
        var previous = proxy.FindEnvironment(KcmVariables.ClientCertificateFile)?.Value;
        var targets = new HashSet<string>(StringComparer.Ordinal) { settings.CaFile.Value };
        if (previous is not null)
        {
            targets.Add(previous);
        }

        var existing = References(proxy).FirstOrDefault(r => targets.Contains(r.Target));
        var key = existing.Key ?? KcmSwarmMapper.ClientCaKey;
        var definition = (root["configs"] as ComposeMapping)?[key] as ComposeMapping;
        var oldName = (definition?["name"] as ComposeScalar)?.Value;
        var prefix = oldName is not null && SwarmObjectName.HasContentHash(oldName) ? oldName[..^(SwarmObjectName.HashLength + 1)] : "kcm-client-ca";
        byte[] content;
        try
        {
            content = SwarmObjectName.Read(host);
        }
        catch (IOException e)
        {
            throw new ComposeEditException(e.Message);
        }

        var name = SwarmObjectName.For(prefix, content);
        var file = new ComposeScalar(ComposeText.Escape(settings.CaHostPath!));
        ImmutableArray<object> configs = ["configs"];
        if (root["configs"] is not ComposeMapping)
        {
            yield return new ComposeEdit.SetEntry([], "configs", new ComposeMapping([Entry(key, Definition(file, name))]));
        }
        else if (definition is null)
        {
            yield return new ComposeEdit.SetEntry(configs, key, Definition(file, name));
        }
        else
        {
            yield return new ComposeEdit.SetEntry(configs.Add(key), "file", file);
            yield return new ComposeEdit.SetEntry(configs.Add(key), "name", new ComposeScalar(name));
        }

        ImmutableArray<object> service = ["services", proxy.Name];
        var reference = KcmSwarmMapper.Reference(key, settings.CaFile);
        switch (proxy.Node["configs"])
        {
            case ComposeSequence sequence:
                var matches = Enumerable.Range(0, sequence.Items.Length).Where(i => Target(sequence.Items[i]) is { } t && targets.Contains(t)).ToList();
                if (matches.Count == 0)
                {
                    yield return new ComposeEdit.AddItem(service.Add("configs"), reference);
                }
                else
                {
                    yield return new ComposeEdit.ReplaceItem(service.Add("configs"), matches[0], reference);
                    foreach (var index in matches.Skip(1).OrderDescending())
                    {
                        yield return new ComposeEdit.RemoveItem(service.Add("configs"), index);
                    }
                }

                break;
            default:
                yield return new ComposeEdit.SetEntry(service, "configs", new ComposeSequence([reference]));
                break;
        }
    }

    /// <summary>The edits that drop the proxy's CA config reference, and its top-level definition when no other service uses it.</summary>
    public static IEnumerable<ComposeEdit> Disable(ComposeDocument document, ComposeService proxy)
    {
        if (proxy.FindEnvironment(KcmVariables.ClientCertificateFile)?.Value is not { Length: > 0 } caFile || proxy.Node["configs"] is not ComposeSequence sequence)
        {
            yield break;
        }

        ImmutableArray<object> service = ["services", proxy.Name];
        var matches = Enumerable.Range(0, sequence.Items.Length).Where(i => Target(sequence.Items[i]) == caFile).ToList();
        if (matches.Count == 0)
        {
            yield break;
        }

        if (matches.Count == sequence.Items.Length)
        {
            yield return new ComposeEdit.RemoveEntry(service, "configs");
        }
        else
        {
            foreach (var index in matches.OrderDescending())
            {
                yield return new ComposeEdit.RemoveItem(service.Add("configs"), index);
            }
        }

        var keys = matches.Select(i => Source(sequence.Items[i])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var usedElsewhere = (document.Root["services"] as ComposeMapping)!.Entries
            .Where(s => s.Key.Value != proxy.Name && s.Value is ComposeMapping)
            .SelectMany(s => ((ComposeMapping)s.Value)["configs"] is ComposeSequence other ? other.Items.Select(Source) : [])
            .ToHashSet(StringComparer.Ordinal);
        var defined = document.Root["configs"] as ComposeMapping ?? ComposeMapping.Empty;
        var removed = keys.Where(k => !usedElsewhere.Contains(k) && defined.Find(k) is not null).ToList();
        if (removed.Count > 0 && removed.Count == defined.Entries.Length)
        {
            yield return new ComposeEdit.RemoveEntry([], "configs");
        }
        else
        {
            foreach (var key in removed)
            {
                yield return new ComposeEdit.RemoveEntry(["configs"], key);
            }
        }
    }

    private static IEnumerable<(string? Key, string Target)> References(ComposeService proxy) =>
        proxy.Configs.Select(c => ((string?)c.Source, string.IsNullOrEmpty(c.Target) ? "/" + c.Source : c.Target!));

    private static ComposeMapping Definition(ComposeScalar file, string name) => new([Entry("file", file), Entry("name", new ComposeScalar(name))]);

    private static ComposeEntry Entry(string key, ComposeNode value) => new(new ComposeScalar(key), value);

    /// <summary>The container path of a config reference: long-syntax <c>target</c>, else <c>/SOURCE</c>.</summary>
    private static string? Target(ComposeNode item) => item switch
    {
        ComposeScalar { Type: not ScalarType.Null } s => "/" + s.Value,
        ComposeMapping m => (m["target"] as ComposeScalar)?.Value ?? (Source(m) is { } source ? "/" + source : null),
        _ => null,
    };

    /// <summary>The container path of a secret reference: <c>target</c> (relative ones under <c>/run/secrets</c>), else <c>/run/secrets/SOURCE</c>.</summary>
    private static string? SecretTarget(ComposeNode item) =>
        (item as ComposeMapping)?["target"] is ComposeScalar { Type: not ScalarType.Null } t
            ? (t.Value.StartsWith('/') ? t.Value : "/run/secrets/" + t.Value)
            : Source(item) is { } source ? "/run/secrets/" + source : null;

    private static string? Source(ComposeNode item) => item switch
    {
        ComposeScalar { Type: not ScalarType.Null } s => s.Value,
        ComposeMapping m => (m["source"] as ComposeScalar)?.Value,
        _ => null,
    };
}
