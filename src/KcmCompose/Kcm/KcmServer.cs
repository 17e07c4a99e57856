using System.Collections.Immutable;

namespace KcmCompose.Kcm;

/// <summary>
/// One entry of the proxy's <c>SERVERS</c> (KCM 2.12 and later): one more nginx server, named by its own
/// <c>SSL_HOSTNAME</c>, whose other proxy variables are overridden here and otherwise inherited from the proxy's
/// top-level environment. Values are literal (what the container sees); the mapping escapes <c>$</c> for Compose.
/// </summary>
public sealed record KcmServer
{
    private readonly EquatableArray<EnvironmentEntry> _overrides;

    private KcmServer(Hostname sslHostname, ImmutableArray<EnvironmentEntry> overrides)
    {
        SslHostname = sslHostname;
        _overrides = overrides;
    }

    /// <summary>The host name this server answers for (its <c>SSL_HOSTNAME</c>).</summary>
    public Hostname SslHostname { get; }

    /// <summary>The variables this server sets besides <c>SSL_HOSTNAME</c>, in order, each a literal value. Defaults to none (everything inherited).</summary>
    public ImmutableArray<EnvironmentEntry> Overrides => _overrides;

    /// <summary>A server for <paramref name="sslHostname"/> with the given overrides.</summary>
    /// <param name="sslHostname">The host name.</param>
    /// <param name="overrides">Proxy variable names (any letter case) and literal values; an empty value switches the inherited setting off.</param>
    /// <exception cref="ArgumentException">The host name is invalid, a name is not a proxy variable a server may set, is given twice, or its value breaks the variable's rule.</exception>
    public static KcmServer Of(string sslHostname, IEnumerable<KeyValuePair<string, string>>? overrides = null)
    {
        var hostname = Hostname.Of(sslHostname);
        var server = new KcmServer(hostname, []);
        foreach (var (name, value) in overrides ?? [])
        {
            var setting = KcmServerSettings.Find(name) ?? throw new ArgumentException(KcmServerSettings.UnknownMessage(name), nameof(overrides));
            if (setting.Name == KcmVariables.SslHostname || server.Get(setting.Name) is not null)
            {
                throw new ArgumentException($"{setting.Name} is given twice for server {sslHostname}.", nameof(overrides));
            }

            server = server.With(setting.Name, value);
        }

        return server;
    }

    /// <summary>The literal value this server sets for <paramref name="variable"/>, or <see langword="null"/> when it inherits it.</summary>
    public string? Get(string variable) =>
        variable == KcmVariables.SslHostname ? SslHostname.Value : Overrides.FirstOrDefault(o => o.Name == variable)?.Value?.Text;

    /// <summary>
    /// The proxy variables this server runs with on <paramref name="proxy"/>: its own values, else the proxy's (the
    /// <c>SERVERS</c> inheritance rule); an empty value is a setting switched off. <c>SERVERS</c> itself is not included.
    /// </summary>
    public IReadOnlyDictionary<string, string> EffectiveSettings(KcmProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return KcmServerSettings.Effective(proxy, this);
    }

    /// <summary>This server with <paramref name="variable"/> set to <paramref name="value"/> (in place, or last), or inherited again when <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The variable is not one a server may set, or the value breaks its rule.</exception>
    public KcmServer With(string variable, string? value)
    {
        var setting = KcmServerSettings.Find(variable) ?? throw new ArgumentException(KcmServerSettings.UnknownMessage(variable), nameof(variable));
        if (value is not null && KcmSettings.CheckValue(setting, value) is { } problem)
        {
            throw new ArgumentException(problem, nameof(value));
        }

        if (setting.Name == KcmVariables.SslHostname)
        {
            return new KcmServer(Hostname.Of(value ?? throw new ArgumentException("A server needs SSL_HOSTNAME.", nameof(value))), Overrides);
        }

        var index = -1;
        for (var i = 0; i < Overrides.Length && index < 0; i++)
        {
            index = Overrides[i].Name == setting.Name ? i : -1;
        }

        var entry = value is null ? null : new EnvironmentEntry(setting.Name, EnvironmentValue.Literal(value));
        var overrides = (index, entry) switch
        {
            ( < 0, null) => Overrides,
            ( < 0, { } add) => Overrides.Add(add),
            (_, null) => Overrides.RemoveAt(index),
            (_, { } replace) => Overrides.SetItem(index, replace),
        };
        return new KcmServer(SslHostname, overrides);
    }
}
