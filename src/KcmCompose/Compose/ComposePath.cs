using System.Text;

namespace KcmCompose.Compose;

/// <summary>Builds compose paths such as <c>services.ssl.ports[0]</c>; a stack, formatted only when a problem needs it.</summary>
internal sealed class ComposePath
{
    private readonly List<(string? Key, int Index)> _segments = [];

    public void Push(string key) => _segments.Add((key, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (key, index) in _segments)
        {
            if (key is null)
            {
                builder.Append('[').Append(index).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(key);
            }
        }

        return builder.ToString();
    }
}
