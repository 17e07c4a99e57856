using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>The rules for Swarm stack files.</summary>
internal static partial class ValidationRules
{
    static partial void AddSwarmRules(ICollection<IValidationRule> rules) => rules.Add(new SwarmRule());
}
