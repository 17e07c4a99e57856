namespace KcmCompose.Validation.Rules;

/// <summary>Builds compose paths such as <c>services.ssl.ports[0]</c>.</summary>
internal static class NodePath
{
    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Item(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "]");
}
