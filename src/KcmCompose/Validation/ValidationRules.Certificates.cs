using KcmCompose.Validation.Rules;

namespace KcmCompose.Validation;

/// <summary>The rules for the files the proxy reads: the client CA file, the server certificate and key.</summary>
internal static partial class ValidationRules
{
    static partial void AddCertificateRules(ICollection<IValidationRule> rules)
    {
        rules.Add(new CaFileRule());
        rules.Add(new ServerCertificateRule());
    }
}
