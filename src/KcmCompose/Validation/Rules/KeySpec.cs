namespace KcmCompose.Validation.Rules;

/// <summary>What a known key accepts, and which table checks the keys of its mapping form (if any).</summary>
/// <param name="Shape">The node kinds allowed; a null value is always allowed.</param>
/// <param name="Keys">The known keys of the mapping form, or <see langword="null"/> when its keys are free (names, labels).</param>
/// <param name="ItemKeys">For a sequence (or a mapping of named entries), the known keys of each mapping item.</param>
internal sealed record KeySpec(NodeShape Shape, KeyTable? Keys = null, KeyTable? ItemKeys = null);
