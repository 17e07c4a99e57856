namespace KcmCompose.Kcm;

/// <summary>The compose spelling of <see cref="VerifyClientMode"/> (<c>on</c>, <c>off</c>, <c>optional</c>, <c>optional_no_ca</c>).</summary>
public static class VerifyClientModes
{
    /// <summary>The value nginx and the proxy image expect.</summary>
    public static string ToComposeValue(this VerifyClientMode mode) => mode switch
    {
        VerifyClientMode.On => "on",
        VerifyClientMode.Off => "off",
        VerifyClientMode.Optional => "optional",
        VerifyClientMode.OptionalNoCa => "optional_no_ca",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown verify-client mode."),
    };

    /// <summary>Parses the compose spelling as nginx reads it: one of the four words, in any letter case.</summary>
    public static bool TryParse(string? text, out VerifyClientMode mode) => KcmSettings.TryParseVerifyClient(text, out mode);
}
