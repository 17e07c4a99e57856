using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>The compose-level rules (whole file, any service).</summary>
internal static partial class ValidationRules
{
    static partial void AddComposeRules(ICollection<IValidationRule> rules)
    {
        rules.Add(new SchemaRule());
        rules.Add(new ServiceRule());
        rules.Add(new ReferenceRule());
        rules.Add(new DependsOnRule());
        rules.Add(new PortConflictRule());
        rules.Add(new Yaml11BooleanRule());
        rules.Add(new HostPathRule());
        rules.Add(new DatabaseVolumeRule());
    }
}
