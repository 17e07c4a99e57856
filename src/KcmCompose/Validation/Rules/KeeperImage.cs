namespace KcmCompose.Validation.Rules;

/// <summary>Recognises the KCM images by repository, whatever the registry, tag or digest.</summary>
internal static class KeeperImage
{
    public const string Proxy = "keeper/guacamole-ssl-nginx";
    public const string Guacamole = "keeper/guacamole";

    /// <summary>The repository of an image reference, without registry host, tag or digest.</summary>
    public static string Repository(string image)
    {
        var reference = image.Trim();
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            reference = reference[..at];
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        if (colon > slash)
        {
            reference = reference[..colon];
        }

        var first = reference.IndexOf('/', StringComparison.Ordinal);
        if (first > 0)
        {
            var host = reference[..first];
            if (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost")
            {
                reference = reference[(first + 1)..];
            }
        }

        return reference.StartsWith("library/", StringComparison.Ordinal) ? reference[8..] : reference;
    }

    public static bool IsKeeper(string? image) => image is not null && Repository(image).StartsWith("keeper/", StringComparison.Ordinal);

    public static bool Is(string? image, string repository) => image is not null && Repository(image) == repository;
}
