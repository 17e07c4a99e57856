using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

public sealed partial record KcmStack
{
    /// <summary>
    /// The variables the KCM services read with Compose's required-variable form (<c>${NAME:?...}</c>): the secrets the
    /// <c>.env</c> beside the compose file must define (<see cref="KcmEnvFile.EnsureAsync"/>). In the order the file
    /// first uses them, each once.
    /// </summary>
    public ImmutableArray<string> RequiredVariables
    {
        get
        {
            var services = (ComposeMapping)KcmComposeMapper.ToMapping(this)["services"]!;
            var names = new List<string>();
            foreach (var service in Services)
            {
                if (services[service.ServiceName] is ComposeMapping { } node && node["environment"] is ComposeMapping environment)
                {
                    names.AddRange(environment.Entries
                        .Select(e => e.Value is ComposeScalar { Value: var text } ? EnvironmentValue.FromComposeText(text).RequiredVariable : null)
                        .OfType<string>());
                }
            }

            return [.. names.Distinct(StringComparer.Ordinal)];
        }
    }
}
