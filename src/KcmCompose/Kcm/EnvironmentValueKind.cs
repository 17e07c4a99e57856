namespace KcmCompose.Kcm;

/// <summary>How an <see cref="EnvironmentValue"/> is written into the compose file.</summary>
public enum EnvironmentValueKind
{
    /// <summary>Text the container sees as is; every <c>$</c> is written as <c>$$</c>.</summary>
    Literal,

    /// <summary>Compose text written verbatim, so <c>${NAME}</c> is interpolated by Compose.</summary>
    Interpolated,
}
