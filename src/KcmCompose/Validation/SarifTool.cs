namespace KcmCompose.Validation;

/// <summary>How a SARIF log names the tool that produced it and where its paths are relative to.</summary>
public sealed record SarifTool
{
    /// <summary>The tool name. Defaults to <c>kcm-compose</c>.</summary>
    public string Name { get; init; } = "kcm-compose";

    /// <summary>The tool version. Defaults to the version of this library.</summary>
    public string Version { get; init; } = typeof(SarifTool).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Where users learn about the tool. Defaults to the package page of the CLI.</summary>
    public Uri InformationUri { get; init; } = new("https://www.nuget.org/packages/KcmCompose.Cli");

    /// <summary>
    /// The folder artifact URIs are relative to (the repository root in CI). Defaults to
    /// <see langword="null"/>, meaning the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }
}
