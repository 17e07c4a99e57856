namespace KcmCompose.Compose;

/// <summary>The codes of <see cref="ComposeProblem"/>s, in one place.</summary>
internal static class ComposeProblemCodes
{
    /// <summary>A <c>$</c> expression Compose cannot parse, such as <c>${V:x}</c>, <c>${}</c> or a lone <c>$</c>.</summary>
    public const string InterpolationError = "interpolation-error";

    /// <summary><c>${V:?message}</c> or <c>${V?message}</c> where the variable is missing (or empty).</summary>
    public const string RequiredVariable = "required-variable";

    /// <summary><c>$V</c> or <c>${V}</c> where the variable is not set; Compose warns and uses an empty string.</summary>
    public const string VariableNotSet = "variable-not-set";

    /// <summary>A value of the wrong kind, such as a single value where a list or mapping belongs.</summary>
    public const string InvalidType = "invalid-type";

    /// <summary>A port entry Compose would refuse.</summary>
    public const string InvalidPort = "invalid-port";

    /// <summary>A volume entry Compose would refuse.</summary>
    public const string InvalidVolume = "invalid-volume";

    /// <summary>A value outside its allowed set or syntax (an unknown depends_on condition, a bad env_file entry...).</summary>
    public const string InvalidValue = "invalid-value";
}
