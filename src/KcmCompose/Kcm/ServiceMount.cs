namespace KcmCompose.Kcm;

/// <summary>A volume entry of a service, written in the short syntax <c>SOURCE:TARGET[:ro]</c>.</summary>
/// <param name="Source">A host path (bind mount) or a named volume.</param>
/// <param name="Target">Where it appears in the container.</param>
/// <param name="ReadOnly">Mounted read-only. Defaults to true.</param>
public sealed record ServiceMount(string Source, ContainerPath Target, bool ReadOnly = true)
{
    /// <summary>The short-syntax text.</summary>
    public string ToComposeText() => ReadOnly ? $"{Source}:{Target.Value}:ro" : $"{Source}:{Target.Value}";

    /// <inheritdoc />
    public override string ToString() => ToComposeText();
}
