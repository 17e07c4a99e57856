using System.Collections.Immutable;

namespace KcmCompose.Validation;

/// <summary>
/// The registry of rules. Each feature plugs its rules in by implementing one of the optional partial methods
/// (<c>AddComposeRules</c>, <c>AddProxyRules</c>, <c>AddCertificateRules</c>) in its own partial file.
/// </summary>
internal static partial class ValidationRules
{
    private static readonly Lazy<ImmutableArray<IValidationRule>> _rules = new(Build);

    /// <summary>Every rule, in the order they run.</summary>
    public static ImmutableArray<IValidationRule> All => _rules.Value;

    static partial void AddComposeRules(ICollection<IValidationRule> rules);

    static partial void AddProxyRules(ICollection<IValidationRule> rules);

    static partial void AddCertificateRules(ICollection<IValidationRule> rules);

    static partial void AddSwarmRules(ICollection<IValidationRule> rules);

    private static ImmutableArray<IValidationRule> Build()
    {
        var list = new List<IValidationRule>();
        AddComposeRules(list);
        AddProxyRules(list);
        AddCertificateRules(list);
        AddSwarmRules(list);
        return [.. list];
    }
}
