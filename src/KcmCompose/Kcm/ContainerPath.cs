namespace KcmCompose.Kcm;

/// <summary>An absolute POSIX path inside a container, such as <c>/certs/ca.pem</c>.</summary>
public sealed record ContainerPath
{
    private ContainerPath(string value) => Value = value;

    /// <summary>The path text.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="path"/>: absolute (starts with <c>/</c>), no NUL, newline, <c>:</c> or <c>$</c>, no <c>..</c> segment.</summary>
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
    internal static string? Check(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "A container path must not be empty.";
        }

        if (path[0] != '/')
        {
            return $"Container path '{path}' must be absolute (start with '/').";
        }

        if (path.IndexOfAny(['\0', '\n', '\r']) >= 0)
        {
            return "A container path must not contain NUL or line breaks.";
        }

        if (path.Contains(':', StringComparison.Ordinal) || path.Contains('$', StringComparison.Ordinal))
        {
            return $"Container path '{path}' must not contain ':' or '$' (they break the short volume syntax and interpolation).";
        }

        if (path.Split('/').Contains(".."))
        {
            return $"Container path '{path}' must not contain a '..' segment.";
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
