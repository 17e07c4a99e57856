using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>The rules for the KCM services and their TLS proxy.</summary>
internal static partial class ValidationRules
{
    static partial void AddProxyRules(ICollection<IValidationRule> rules)
    {
        rules.Add(new ProxyRule());
        rules.Add(new RevocationRule());
    }
}
