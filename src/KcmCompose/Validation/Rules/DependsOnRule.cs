using KcmCompose.Compose;

using KcmCompose.Kcm;

namespace KcmCompose.Validation.Rules;

/// <summary><c>depends-on-missing</c> and <c>depends-on-cycle</c> (a service depending on itself is a cycle of one).</summary>
internal sealed class DependsOnRule : IValidationRule
{
    /// <summary>
    /// Unknown targets that get a did-you-mean (each compares with every service name); the rest get the list. Keeps
    /// a hostile file with thousands of unknown targets and services linear.
    /// </summary>
    internal const int MaxSuggestions = 100;

    /// <summary>Service names the fix lists at most, in order, followed by "(and N more)".</summary>
    internal const int MaxListed = 20;

    public void Check(ValidationContext context, ICollection<Diagnostic> sink)
    {
        var services = context.Services;
        var names = services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, List<(string Target, ComposeScalar Node, string Path)>>(StringComparer.Ordinal);
        List<string>? sorted = null;
        var suggestionsLeft = MaxSuggestions;
        foreach (var service in services)
        {
            var list = new List<(string, ComposeScalar, string)>();
            edges[service.Name] = list;
            foreach (var (target, node, path) in Dependencies(service))
            {
                if (!names.Contains(target))
                {
                    sorted ??= [.. names.Order(StringComparer.Ordinal)];
                    var self = service.Name;
                    var others = sorted.Where(n => n != self);
                    var listed = others.Take(MaxListed + 1).ToList();
                    var fix = suggestionsLeft-- > 0 && EditDistance.Suggest(target, others) is { } close
                        ? $"Did you mean '{close}'? Correct the name."
                        : listed.Count == 0
                            ? "Add the service, or remove the depends_on entry."
                            : $"Correct the name to one of: {string.Join(", ", listed.Take(MaxListed).Select(n => "'" + n + "'"))}{(listed.Count > MaxListed ? $" (and {names.Count - 1 - MaxListed} more)" : string.Empty)}.";
                    sink.Add(context.At(DiagnosticCatalog.DependsOnMissing, node, path, target, service.Name, target, fix));
                }
                else
                {
                    list.Add((target, node, path));
                }
            }
        }

        // Iterative depth-first search (a hostile file may chain thousands of services); each back edge closes
        // one cycle, reported once at the depends_on entry that closes it.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var trail = new List<string>();
        var onTrail = new Dictionary<string, int>(StringComparer.Ordinal);
        var frames = new Stack<(string Name, int Next)>();
        foreach (var root in services)
        {
            if (state.GetValueOrDefault(root.Name) != 0)
            {
                continue;
            }

            state[root.Name] = 1;
            onTrail[root.Name] = trail.Count;
            trail.Add(root.Name);
            frames.Push((root.Name, 0));
            while (frames.Count > 0)
            {
                var (name, next) = frames.Pop();
                var list = edges[name];
                if (next >= list.Count)
                {
                    state[name] = 2;
                    onTrail.Remove(name);
                    trail.RemoveAt(trail.Count - 1);
                    continue;
                }

                frames.Push((name, next + 1));
                var (target, node, entryPath) = list[next];
                var targetState = state.GetValueOrDefault(target);
                if (targetState == 1)
                {
                    sink.Add(context.At(DiagnosticCatalog.DependsOnCycle, node, entryPath, target, DescribeCycle(trail, onTrail[target], target)));
                }
                else if (targetState == 0)
                {
                    state[target] = 1;
                    onTrail[target] = trail.Count;
                    trail.Add(target);
                    frames.Push((target, 0));
                }
            }
        }
    }

    /// <summary>
    /// "a -> b -> a" from the trail position of the service the back edge returns to; a cycle of more than
    /// <see cref="MaxListed"/> services shows its first and last ten (a hostile chain of thousands of services, each
    /// also depending on the first, would otherwise repeat the whole chain in every diagnostic).
    /// </summary>
    private static string DescribeCycle(List<string> trail, int from, string target)
    {
        var count = trail.Count - from;
        if (count <= MaxListed)
        {
            return string.Join(" -> ", trail.Skip(from).Append(target));
        }

        var head = trail.Skip(from).Take(MaxListed / 2);
        var tail = trail.Skip(trail.Count - (MaxListed / 2) + 1).Append(target);
        return $"{string.Join(" -> ", head)} -> ({count - MaxListed + 1} more) -> {string.Join(" -> ", tail)}";
    }

    private static IEnumerable<(string Target, ComposeScalar Node, string Path)> Dependencies(KcmServiceView service)
    {
        var path = service.Path + ".depends_on";
        switch (service.Resolved["depends_on"])
        {
            case ComposeSequence list:
                for (var i = 0; i < list.Items.Length; i++)
                {
                    if (list.Items[i] is ComposeScalar { Type: not ScalarType.Null } s)
                    {
                        yield return (s.Value, s, NodePath.Item(path, i));
                    }
                }

                break;
            case ComposeMapping map:
                foreach (var entry in map.Entries)
                {
                    yield return (entry.Key.Value, entry.Key, NodePath.Child(path, entry.Key.Value));
                }

                break;
        }
    }
}
