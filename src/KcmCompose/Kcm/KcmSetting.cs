namespace KcmCompose.Kcm;

/// <summary>One row of the KCM contract (<see cref="KcmSettings"/>).</summary>
/// <param name="Name">The environment variable.</param>
/// <param name="Rule">How its value is read; the parse functions of <see cref="KcmSettings"/> implement each rule.</param>
/// <param name="Default">What the image does when the variable is not set, in words.</param>
/// <param name="Confirmed">Whether a public Keeper source confirms the name and default; false ones are listed in docs/kcm.md.</param>
/// <param name="Documentation">One line for docs and messages.</param>
internal sealed record KcmSetting(string Name, KcmValueRule Rule, string Default, bool Confirmed, string Documentation);
