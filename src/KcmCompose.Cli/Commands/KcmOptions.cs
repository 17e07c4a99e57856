using System.CommandLine;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>Typed options for the proxy's client-authentication settings; values are read by the one KCM contract.</summary>
internal static class KcmOptions
{
    public static Option<VerifyClientMode?> VerifyClient(string description) => new("--verify-client")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (VerifyClientModes.TryParse(text, out var mode))
            {
                return mode;
            }

            result.AddError($"--verify-client must be on, off, optional or optional_no_ca, not '{text}'.");
            return null;
        },
    };

    public static Option<int?> VerifyDepth(string description) => new("--verify-depth")
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ClientAuthentication.TryParseVerifyDepth(text, out var depth))
            {
                return depth;
            }

            result.AddError($"--verify-depth must be a whole number, 0 or more, not '{text}'.");
            return null;
        },
    };

    public static Option<ContainerPath> ContainerPathOption(string name, string description, string defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => ContainerPath.Of(defaultValue),
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ContainerPath.TryOf(text, out var path))
            {
                return path!;
            }

            result.AddError($"{name}: {ContainerPath.Check(text)}");
            return null!;
        },
    };
}
