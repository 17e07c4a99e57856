using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>The <c>--server HOST[:setting=value,...]</c> value of <c>emit</c>: one more nginx server for the builder.</summary>
internal static class ServerOption
{
    /// <summary>The builder with the server added, or the reason it cannot be; CA files given are added to <paramref name="caFiles"/>.</summary>
    public static (KcmStackBuilder? Builder, string? Error) Apply(KcmStackBuilder builder, string text, List<string> caFiles)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var host = colon < 0 ? text : text[..colon];
        var settings = new List<KeyValuePair<string, string>>();
        string? ca = null;
        foreach (var part in colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Fail($"'{part}' is not setting=value.");
            }

            var (name, value) = (part[..equals].Trim(), part[(equals + 1)..]);
            if (string.Equals(name, "ca", StringComparison.OrdinalIgnoreCase))
            {
                ca = Path.GetFullPath(value);
            }
            else
            {
                settings.Add(KeyValuePair.Create(name, value));
            }
        }

        try
        {
            builder = builder.WithServer(KcmServer.Of(host, settings));
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message.Split(" (Parameter", 2)[0]);
        }

        if (ca is not null)
        {
            caFiles.Add(ca);
            builder = builder.WithServerClientCa(host, ca);
        }

        return (builder, null);
    }

    private static (KcmStackBuilder? Builder, string? Error) Fail(string message) => (null, message);
}
