namespace KcmCompose.Kcm;

/// <summary>The ways a KCM variable's value is read (<see cref="KcmSettings"/>).</summary>
internal enum KcmValueRule
{
    /// <summary>Yes only when exactly <c>Y</c> (<see cref="KcmSettings.IsYes"/>).</summary>
    Flag,

    /// <summary>Any text.</summary>
    Text,

    /// <summary>A host name (<see cref="Hostname"/>).</summary>
    Hostname,

    /// <summary>An absolute container path safe inside nginx directives (<see cref="ContainerPath"/>).</summary>
    ContainerPath,

    /// <summary>nginx <c>ssl_verify_client</c> (<see cref="KcmSettings.TryParseVerifyClient"/>).</summary>
    VerifyClient,

    /// <summary>nginx <c>ssl_verify_depth</c> (<see cref="KcmSettings.TryParseVerifyDepth"/>).</summary>
    VerifyDepth,

    /// <summary>nginx directives for the proxied location block.</summary>
    NginxSnippet,

    /// <summary>A YAML or JSON array of per-server overrides (<see cref="KcmServerSettings"/>).</summary>
    ServerList,
}
