using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// Replaces <c>$</c> expressions in every string value (never in keys) the way Compose does before it reads a file;
/// see <see href="https://github.com/compose-spec/compose-spec/blob/main/spec.md#interpolation"/>.
/// </summary>
public static class ComposeInterpolator
{
    /// <summary>Interpolates <paramref name="document"/> with <paramref name="variables"/>, reporting every problem.</summary>
    /// <param name="document">The document as loaded.</param>
    /// <param name="variables">The variables, such as those from <see cref="ComposeEnvironment.LoadAsync"/>.</param>
    public static InterpolationResult Interpolate(ComposeDocument document, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(variables);
        var walker = new Walker(variables);
        var root = (ComposeMapping)walker.Visit(document.Root);
        var unsetNames = walker.UnsetNames.Distinct(StringComparer.Ordinal).ToImmutableArray();
        var interpolated = ReferenceEquals(root, document.Root) ? document : document with { Root = root };
        return new InterpolationResult(interpolated, walker.Problems.ToImmutable(), unsetNames);
    }

    private sealed class Walker(IReadOnlyDictionary<string, string> variables)
    {
        private readonly ComposePath _path = new();
        private readonly List<string> _unset = [];
        private readonly Func<string, string?> _lookup = name => variables.TryGetValue(name, out var value) ? value : null;

        public ImmutableArray<ComposeProblem>.Builder Problems { get; } = ImmutableArray.CreateBuilder<ComposeProblem>();

        public List<string> UnsetNames { get; } = [];

        public ComposeNode Visit(ComposeNode node) => node switch
        {
            ComposeScalar scalar => Scalar(scalar),
            ComposeSequence sequence => Sequence(sequence),
            ComposeMapping mapping => Mapping(mapping),
            _ => node,
        };

        private ComposeMapping Mapping(ComposeMapping mapping)
        {
            ImmutableArray<ComposeEntry>.Builder? changed = null;
            for (var i = 0; i < mapping.Entries.Length; i++)
            {
                var entry = mapping.Entries[i];
                _path.Push(entry.Key.Value);
                var value = Visit(entry.Value);
                _path.Pop();
                if (!ReferenceEquals(value, entry.Value) && changed is null)
                {
                    changed = mapping.Entries.ToBuilder();
                }

                if (changed is not null)
                {
                    changed[i] = ReferenceEquals(value, entry.Value) ? entry : entry with { Value = value };
                }
            }

            return changed is null ? mapping : mapping with { Entries = changed.MoveToImmutable() };
        }

        private ComposeSequence Sequence(ComposeSequence sequence)
        {
            ImmutableArray<ComposeNode>.Builder? changed = null;
            for (var i = 0; i < sequence.Items.Length; i++)
            {
                _path.Push(i);
                var item = Visit(sequence.Items[i]);
                _path.Pop();
                if (!ReferenceEquals(item, sequence.Items[i]) && changed is null)
                {
                    changed = sequence.Items.ToBuilder();
                }

                if (changed is not null)
                {
                    changed[i] = item;
                }
            }

            return changed is null ? sequence : sequence with { Items = changed.MoveToImmutable() };
        }

        private ComposeScalar Scalar(ComposeScalar scalar)
        {
            if (scalar.Type != ScalarType.String || !scalar.Value.Contains('$', StringComparison.Ordinal))
            {
                return scalar;
            }

            _unset.Clear();
            if (!ComposeTemplate.TrySubstitute(scalar.Value, _lookup, _unset, out var result, out var failure))
            {
                Problems.Add(new ComposeProblem(failure!.Code, scalar.Location, _path.ToString(), scalar.Value, failure.Message, failure.Fix));
                return scalar;
            }

            foreach (var name in _unset)
            {
                UnsetNames.Add(name);
                Problems.Add(new ComposeProblem(
                    ComposeProblemCodes.VariableNotSet,
                    scalar.Location,
                    _path.ToString(),
                    scalar.Value,
                    $"The variable {name} is not set; Compose uses an empty string.",
                    $"Set {name} in the environment or the .env file, or write ${{{name}:-default}}."));
            }

            return result == scalar.Value ? scalar : scalar with { Value = result };
        }
    }
}
