using System.Net;

namespace KcmCompose.Kcm;

/// <summary>A DNS host name (letters, digits, hyphens; dot-separated labels of 1 to 63 characters) or an IP address.</summary>
public sealed record Hostname
{
    private Hostname(string value) => Value = value;

    /// <summary>The host name text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a host name.</exception>
    public static Hostname Of(string name)
    {
        var error = Check(name);
        return error is null ? new Hostname(name) : throw new ArgumentException(error, nameof(name));
    }

    /// <summary>Like <see cref="Of"/>, without throwing.</summary>
    public static bool TryOf(string? name, out Hostname? result)
    {
        result = name is not null && Check(name) is null ? new Hostname(name) : null;
        return result is not null;
    }

    internal static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A host name must not be empty.";
        }

        if (IPAddress.TryParse(name, out _))
        {
            return null;
        }

        if (name.Length > 253)
        {
            return $"Host name '{name}' is longer than 253 characters.";
        }

        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            if (label.Length is 0 or > 63
                || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return $"'{name}' is not a host name (dot-separated labels of letters, digits and inner hyphens, 1 to 63 characters each).";
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
