namespace KcmCompose.Validation;

/// <summary>
/// One family of checks. Rules are stateless, run once per validation in the order of
/// <see cref="ValidationRules.All"/>, and add every problem they find to the sink (never stop at the first).
/// </summary>
internal interface IValidationRule
{
    /// <summary>Checks <paramref name="context"/> and adds diagnostics to <paramref name="sink"/>.</summary>
    void Check(ValidationContext context, ICollection<Diagnostic> sink);
}
