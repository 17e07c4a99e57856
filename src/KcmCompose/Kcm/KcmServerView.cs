namespace KcmCompose.Kcm;

/// <summary>One nginx server of a proxy service: the top-level one (<see cref="Index"/> null) or a <c>SERVERS</c> entry.</summary>
/// <param name="Index">The entry's index in <c>SERVERS</c>, or <see langword="null"/> for the top-level server.</param>
/// <param name="Path">The compose path of its settings: <c>services.ssl.environment</c> or <c>services.ssl.environment.SERVERS[1]</c>.</param>
/// <param name="Anchor">Where to point at the server as a whole (the service key, or the entry).</param>
/// <param name="Environment">Its effective settings: the entry's variables, else the top-level ones (<see cref="KcmServerSettings.Effective{T}"/>).</param>
internal sealed record KcmServerView(int? Index, string Path, Compose.ComposeScalar Anchor, IReadOnlyDictionary<string, KcmVariable> Environment)
{
    /// <summary>Its effective <c>SSL_HOSTNAME</c>, or <see langword="null"/>.</summary>
    public string? Hostname => Setting(KcmVariables.SslHostname)?.Value;

    /// <summary>Words for messages: "the top-level server" or "SERVERS[1] (internal.example.com)".</summary>
    public string Describe => Index is null ? "the top-level server" : $"SERVERS[{Index}]{(Hostname is { } h ? $" ({h})" : string.Empty)}";

    /// <summary>The variable <paramref name="name"/> when it is set to a non-blank value.</summary>
    public KcmVariable? Setting(string name) =>
        Environment.TryGetValue(name, out var variable) && variable.Setting is not null ? variable : null;

    /// <summary>Whether <paramref name="name"/> is set by this entry itself rather than inherited.</summary>
    public bool SetsOwn(string name) =>
        Index is not null && Environment.TryGetValue(name, out var variable) && variable.Path.StartsWith(Path + ".", StringComparison.Ordinal);
}
