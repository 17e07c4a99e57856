namespace KcmCompose.Validation.Rules;

/// <summary>Which YAML node kinds a key accepts.</summary>
[Flags]
internal enum NodeShape
{
    None = 0,
    Scalar = 1,
    Sequence = 2,
    Mapping = 4,
    Any = Scalar | Sequence | Mapping,
}
