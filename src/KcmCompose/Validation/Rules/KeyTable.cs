namespace KcmCompose.Validation.Rules;

/// <summary>The known keys of one kind of compose mapping (from the Compose specification's JSON schema).</summary>
internal sealed class KeyTable
{
    public KeyTable(string kind, bool allowsExtensions, IEnumerable<KeyValuePair<string, KeySpec>> keys)
    {
        Kind = kind;
        AllowsExtensions = allowsExtensions;
        Keys = new Dictionary<string, KeySpec>(keys, StringComparer.Ordinal);
    }

    /// <summary>What the mapping is, for messages ("service", "network").</summary>
    public string Kind { get; }

    /// <summary>Whether <c>x-</c> keys are allowed.</summary>
    public bool AllowsExtensions { get; }

    public IReadOnlyDictionary<string, KeySpec> Keys { get; }
}
