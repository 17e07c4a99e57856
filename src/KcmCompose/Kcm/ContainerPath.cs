namespace KcmCompose.Kcm;

/// <summary>An absolute POSIX path inside a container, such as <c>/certs/ca.pem</c>.</summary>
public sealed record ContainerPath
{
    private ContainerPath(string value) => Value = value;

    /// <summary>The path text.</summary>
    public string Value { get; }

    /// <summary>
    /// Validates <paramref name="path"/>: absolute (starts with <c>/</c>), no <c>..</c> segment, and made only of ASCII
    /// letters, digits and <c>/ . _ - + @ = , ~ %</c>. The image writes these paths into nginx directives, where a
    /// space, <c>;</c>, <c>{</c>, <c>}</c>, <c>#</c>, a quote, a backslash or <c>$</c> would change the configuration,
    /// and into the short volume syntax, where <c>:</c> separates fields.
    /// </summary>
    /// <exception cref="ArgumentException">The path is not an acceptable container path.</exception>
    public static ContainerPath Of(string path)
    {
        var error = Check(path);
        return error is null ? new ContainerPath(path) : throw new ArgumentException(error, nameof(path));
    }

    /// <summary>Like <see cref="Of"/>, without throwing.</summary>
    public static bool TryOf(string? path, out ContainerPath? result)
    {
        result = path is not null && Check(path) is null ? new ContainerPath(path) : null;
        return result is not null;
    }

    /// <summary>Why <paramref name="path"/> is not a container path, or <see langword="null"/> when it is.</summary>
    public static string? Check(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A container path must not be empty.";
        }

        if (path[0] != '/')
        {
            return $"Container path '{path}' must be absolute (start with '/').";
        }

        if (FirstUnsafe(path) is { } bad)
        {
            return $"Container path '{Printable(path)}' has {Describe(bad)}, which nginx or Compose would read as syntax; use only letters, digits and / . _ - + @ = , ~ %.";
        }

        if (path.Split('/').Contains(".."))
        {
            return $"Container path '{path}' must not contain a '..' segment.";
        }

        return null;
    }

    /// <summary>The first character of <paramref name="path"/> that is not safe in a container path, or <see langword="null"/>.</summary>
    internal static char? FirstUnsafe(string path)
    {
        foreach (var c in path)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or '@' or '=' or ',' or '~' or '%'))
            {
                return c;
            }
        }

        return null;
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' or '\r' => "a line break",
        '\0' => "a NUL character",
        _ when char.IsControl(c) || c > '~' => $"the character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    private static string Printable(string path) =>
        string.Concat(path.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <inheritdoc />
    public override string ToString() => Value;
}
