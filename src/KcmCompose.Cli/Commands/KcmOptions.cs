using System.CommandLine;
using KcmCompose.Kcm;

namespace KcmCompose.Cli.Commands;

/// <summary>Typed options for the proxy's client-authentication settings; values are read by the one KCM contract.</summary>
internal static class KcmOptions
{
    private delegate bool TryParse<T>(string text, out T value);

    public static Option<VerifyClientMode?> VerifyClient(string description) =>
        Parsed<VerifyClientMode>("--verify-client", description, VerifyClientModes.TryParse, "on, off, optional or optional_no_ca");

    public static Option<int?> VerifyDepth(string description) =>
        Parsed<int>("--verify-depth", description, ClientAuthentication.TryParseVerifyDepth, "a whole number, 0 or more");

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

    private static Option<T?> Parsed<T>(string name, string description, TryParse<T> parse, string allowed)
        where T : struct => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (parse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name} must be {allowed}, not '{text}'.");
            return null;
        },
    };
}
