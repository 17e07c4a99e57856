using System.Collections.Immutable;
using System.Security.Cryptography;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Builds a <see cref="KcmStack"/> with KCM's documented defaults. Immutable: every <c>WithX</c> returns a new builder;
/// <see cref="Build"/> checks everything and reports every problem at once.
/// </summary>
/// <remarks>
/// Database passwords not given are read from the <c>.env</c> beside the compose file with Compose's required-variable
/// form (<c>${GUACAMOLE_PASSWORD:?...}</c>, see <see cref="KcmStack.RequiredVariables"/>), so the compose file holds no
/// secret, a given stack always writes the same text, and a missing <c>.env</c> stops Compose with a message instead of
/// starting with empty passwords. <see cref="KcmEnvFile.EnsureAsync"/> creates that file once. Pass
/// <see cref="GeneratePassword"/> to a <c>With...Password</c> method for a literal password instead.
/// </remarks>
public sealed class KcmStackBuilder
{
    /// <summary>The default service names, as in Keeper's documented compose file.</summary>
    public const string DefaultProxyName = "ssl", DefaultGuacdName = "guacd", DefaultGuacamoleName = "guacamole", DefaultDatabaseName = "db";

    private const string PasswordAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly State _state;

    private KcmStackBuilder(State state) => _state = state;

    /// <summary>A builder for a stack served at <paramref name="sslHostname"/> (checked by <see cref="Build"/>).</summary>
    public static KcmStackBuilder Create(string sslHostname) => new(new State { SslHostname = sslHostname });

    /// <summary>MySQL or PostgreSQL. Defaults to MySQL.</summary>
    public KcmStackBuilder WithDatabase(DatabaseKind kind) => new(_state with { Database = kind });

    /// <summary>The tag of all four images. Defaults to <see cref="KcmImages.DefaultTag"/>.</summary>
    public KcmStackBuilder WithImageTag(string tag) => new(_state with { Tag = tag });

    /// <summary>The server certificate source. Defaults to Let's Encrypt without e-mail.</summary>
    public KcmStackBuilder WithTls(TlsMode tls) => new(_state with { Tls = tls });

    /// <summary>Requires client certificates signed by the CA at <paramref name="caHostPath"/>, mounted read-only at <paramref name="containerPath"/> (default <see cref="ClientAuthentication.DefaultCaPath"/>).</summary>
    public KcmStackBuilder WithClientCa(string caHostPath, string containerPath = ClientAuthentication.DefaultCaPath) =>
        new(_state with { CaHostPath = caHostPath, CaContainerPath = containerPath });

    /// <summary>
    /// One more nginx server (<c>SERVERS</c>), replacing an earlier one with the same host name; what it does not set is
    /// inherited from the proxy. Its files are mounted with <see cref="WithServerClientCa"/>.
    /// </summary>
    public KcmStackBuilder WithServer(KcmServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var servers = _state.Servers;
        var index = servers.FindIndex(s => s.SslHostname == server.SslHostname);
        return new(_state with { Servers = index < 0 ? servers.Add(server) : servers.SetItem(index, server) });
    }

    /// <summary>
    /// Requires client certificates signed by the CA at <paramref name="caHostPath"/> on the server for
    /// <paramref name="sslHostname"/> (added when missing), mounted read-only at <paramref name="containerPath"/>
    /// (default <c>/certs/client-ca-HOST.pem</c>, so it never collides with the top-level CA).
    /// </summary>
    public KcmStackBuilder WithServerClientCa(string sslHostname, string caHostPath, string? containerPath = null)
    {
        var servers = _state.Servers;
        if (Hostname.TryOf(sslHostname, out _) && !servers.Exists(s => s.SslHostname.Value == sslHostname))
        {
            servers = servers.Add(KcmServer.Of(sslHostname));
        }

        return new(_state with { Servers = servers, ServerCas = _state.ServerCas.Add((sslHostname, caHostPath, containerPath)) });
    }

    /// <summary><c>SSL_VERIFY_CLIENT</c>; needs a client CA. Defaults to <see cref="VerifyClientMode.On"/> when a CA is given.</summary>
    public KcmStackBuilder WithVerifyClient(VerifyClientMode mode) => new(_state with { VerifyClient = mode });

    /// <summary><c>SSL_VERIFY_DEPTH</c>, 0 or more; needs a client CA. Defaults to the image's default (not written).</summary>
    public KcmStackBuilder WithVerifyDepth(int depth) => new(_state with { VerifyDepth = depth });

    /// <summary><c>ADDITIONAL_NGINX_CONFIG</c>, literal nginx text (a <c>$</c> is an nginx variable). Defaults to none.</summary>
    public KcmStackBuilder WithAdditionalNginxConfig(string config) => new(_state with { AdditionalNginxConfig = config });

    /// <summary>
    /// Keeper's security headers on the proxy: <c>CONTENT_TYPE_OPTIONS</c> (<c>X-Content-Type-Options</c>) and
    /// <c>CONTENT_SECURITY_POLICY</c> (<c>Content-Security-Policy</c>). Both default to on.
    /// </summary>
    public KcmStackBuilder WithSecurityHeaders(bool contentTypeOptions, bool contentSecurityPolicy) =>
        new(_state with { ContentTypeOptions = contentTypeOptions, ContentSecurityPolicy = contentSecurityPolicy });

    /// <summary>The Guacamole database user's password. Defaults to <c>${GUACAMOLE_PASSWORD:?...}</c> from the <c>.env</c>.</summary>
    public KcmStackBuilder WithDatabasePassword(EnvironmentValue password) => new(_state with { Password = password });

    /// <summary>The initial <c>guacadmin</c> password. Defaults to <c>${GUACAMOLE_ADMIN_PASSWORD:?...}</c> from the <c>.env</c>.</summary>
    public KcmStackBuilder WithAdminPassword(EnvironmentValue password) => new(_state with { AdminPassword = password });

    /// <summary>The MySQL root password (MySQL only). Defaults to <c>${MYSQL_ROOT_PASSWORD:?...}</c> from the <c>.env</c>.</summary>
    public KcmStackBuilder WithRootPassword(EnvironmentValue password) => new(_state with { RootPassword = password });

    /// <summary>The PostgreSQL superuser password (PostgreSQL only). Defaults to the database password.</summary>
    public KcmStackBuilder WithPostgresPassword(EnvironmentValue password) => new(_state with { PostgresPassword = password });

    /// <summary>The named volume for the database's data directory (default <c>kcm-db-data</c>); <see langword="null"/> for none.</summary>
    public KcmStackBuilder WithDataVolume(string? name) => new(_state with { DataVolume = name });

    /// <summary>The named volume for <c>/var/lib/guacamole</c>, shared by guacd and Guacamole (default <c>kcm-guacamole</c>); <see langword="null"/> for none.</summary>
    public KcmStackBuilder WithGuacamoleVolume(string? name) => new(_state with { GuacamoleVolume = name });

    /// <summary>The database name and user. Default to <c>guacamole_db</c> and <c>guacamole_user</c>.</summary>
    public KcmStackBuilder WithDatabaseNames(string databaseName, string username) => new(_state with { DatabaseName = databaseName, Username = username });

    /// <summary>The KCM licence key (<c>KCM_LICENSE</c>). Defaults to none.</summary>
    public KcmStackBuilder WithLicense(EnvironmentValue license) => new(_state with { License = license });

    /// <summary>The proxy's published ports. Default to 80 and 443 on all interfaces.</summary>
    public KcmStackBuilder WithPorts(params PortBinding[] ports) => new(_state with { Ports = [.. ports] });

    /// <summary>The restart policy of all four services. Defaults to <see cref="RestartPolicy.UnlessStopped"/>.</summary>
    public KcmStackBuilder WithRestart(RestartPolicy restart) => new(_state with { Restart = restart });

    /// <summary>The compose name of one service. Defaults to <c>ssl</c>, <c>guacd</c>, <c>guacamole</c> and <c>db</c>.</summary>
    public KcmStackBuilder WithServiceName(KcmServiceRole role, string name) => new(_state with { Names = _state.Names.SetItem(role, name) });

    /// <summary>Adds an environment variable the model does not interpret to one service (the escape hatch); entries are kept in name order, as written.</summary>
    public KcmStackBuilder WithExtraEnvironment(KcmServiceRole role, string name, EnvironmentValue? value) =>
        new(_state with { Extra = _state.Extra.Add((role, new EnvironmentEntry(name, value))) });

    /// <summary>Builds the stack; passwords not given are read from the <c>.env</c> (see the remarks).</summary>
    /// <exception cref="KcmStackException">Lists every problem found.</exception>
    public KcmStack Build()
    {
        var errors = ImmutableArray.CreateBuilder<ComposeProblem>();
        var s = _state;
        var ssl = Hostname.TryOf(s.SslHostname, out var h) ? h! : Fail<Hostname>(Hostname.Check(s.SslHostname));
        if (s.Tag.Length == 0 || s.Tag.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
        {
            errors.Add(KcmStackValidator.Invalid($"Image tag '{s.Tag}' must be letters, digits, '.', '-' or '_'."));
        }

        ClientAuthentication? auth = null;
        if (s.CaHostPath is not null)
        {
            var caPath = ContainerPath.TryOf(s.CaContainerPath, out var p) ? p! : Fail<ContainerPath>(ContainerPath.Check(s.CaContainerPath));
            auth = new ClientAuthentication(s.CaHostPath, caPath ?? ContainerPath.Of(ClientAuthentication.DefaultCaPath), s.VerifyClient ?? VerifyClientMode.On, s.VerifyDepth, s.AdditionalNginxConfig);
        }
        else if (s.VerifyClient is not null || s.VerifyDepth is not null)
        {
            errors.Add(KcmStackValidator.Invalid("SSL_VERIFY_CLIENT and SSL_VERIFY_DEPTH need a client CA: give the CA file too.", KcmProblemCodes.VerifyWithoutCa));
        }

        var extra = s.Extra;
        if (auth is null && s.AdditionalNginxConfig is { } config)
        {
            extra = extra.Add((KcmServiceRole.Proxy, new EnvironmentEntry(KcmVariables.AdditionalNginxConfig, EnvironmentValue.Literal(config))));
        }

        var servers = s.Servers;
        var serverMounts = ImmutableArray.CreateBuilder<ServiceMount>();
        foreach (var (host, caHostPath, containerPath) in s.ServerCas)
        {
            try
            {
                var target = ContainerPath.Of(containerPath ?? KcmServerSettings.DefaultCaPath(host));
                var index = servers.FindIndex(server => server.SslHostname.Value == host);
                var server = (index < 0 ? KcmServer.Of(host) : servers[index]).With(KcmVariables.ClientCertificateFile, target.Value);
                servers = index < 0 ? servers.Add(server) : servers.SetItem(index, server);
                serverMounts.Add(new ServiceMount(caHostPath, target));
            }
            catch (ArgumentException e)
            {
                errors.Add(KcmStackValidator.Invalid(e.Message.Split(" (Parameter", 2)[0]));
            }
        }

        if (errors.Count > 0)
        {
            throw new KcmStackException(errors.ToImmutable());
        }

        string Name(KcmServiceRole role) => s.Names[role];
        EquatableArray<EnvironmentEntry> Extra(KcmServiceRole role) => extra.Where(e => e.Role == role).Select(e => e.Entry).OrderBy(e => e.Name, StringComparer.Ordinal).ToImmutableArray();
        string Image(string repository) => $"{repository}:{s.Tag}";

        var password = s.Password ?? FromEnvFile(KcmVariables.GuacamolePassword);
        var stack = new KcmStack
        {
            GuacamoleVolume = s.GuacamoleVolume,
            Proxy = new KcmProxy
            {
                ServiceName = Name(KcmServiceRole.Proxy),
                Image = Image(KcmImages.SslNginx),
                Restart = s.Restart,
                SslHostname = ssl!,
                GuacamoleHostname = HostnameOrPlaceholder(Name(KcmServiceRole.Guacamole)),
                Tls = s.Tls,
                ClientAuthentication = auth,
                ContentTypeOptions = s.ContentTypeOptions,
                ContentSecurityPolicy = s.ContentSecurityPolicy,
                Ports = s.Ports,
                ExtraEnvironment = Extra(KcmServiceRole.Proxy),
                Servers = [.. servers],
                ExtraMounts = serverMounts.ToImmutable(),
            },
            Guacd = new KcmGuacd
            {
                ServiceName = Name(KcmServiceRole.Guacd),
                Image = Image(KcmImages.Guacd),
                Restart = s.Restart,
                ExtraEnvironment = Extra(KcmServiceRole.Guacd),
                // Docker's default seccomp profile stays on: Keeper's installer swaps in its own profile file,
                // which this tool does not ship, and "unconfined" would switch the filter off altogether.
                OtherKeys = ComposeMapping.Empty.Set("shm_size", new ComposeScalar("1001500k")),
            },
            Guacamole = new KcmGuacamole
            {
                ServiceName = Name(KcmServiceRole.Guacamole),
                Image = Image(KcmImages.Guacamole),
                Restart = s.Restart,
                GuacdHostname = HostnameOrPlaceholder(Name(KcmServiceRole.Guacd)),
                DatabaseHostname = HostnameOrPlaceholder(Name(KcmServiceRole.Database)),
                License = s.License,
                ExtraEnvironment = Extra(KcmServiceRole.Guacamole),
            },
            Database = new KcmDatabase
            {
                ServiceName = Name(KcmServiceRole.Database),
                Image = Image(s.Database == DatabaseKind.MySql ? KcmImages.DatabaseMySql : KcmImages.DatabasePostgreSql),
                Restart = s.Restart,
                Kind = s.Database,
                DatabaseName = s.DatabaseName,
                Username = s.Username,
                Password = password,
                AdminPassword = s.AdminPassword ?? FromEnvFile(KcmVariables.GuacamoleAdminPassword),
                RootPassword = s.Database == DatabaseKind.MySql ? s.RootPassword ?? FromEnvFile(KcmVariables.MySqlRootPassword) : s.RootPassword,
                PostgresPassword = s.Database == DatabaseKind.PostgreSql ? s.PostgresPassword ?? password : s.PostgresPassword,
                DataVolume = s.DataVolume,
                ExtraEnvironment = Extra(KcmServiceRole.Database),
            },
        };
        stack.ThrowIfInvalid();
        return stack;

        T? Fail<T>(string? error)
            where T : class
        {
            errors.Add(KcmStackValidator.Invalid(error ?? "Invalid value."));
            return null;
        }
    }

    /// <summary>
    /// <c>${variable:?...}</c>: the secret comes from the <c>.env</c> beside the compose file, and Compose stops with this
    /// message when it is missing.
    /// </summary>
    public static EnvironmentValue FromEnvFile(string variable) =>
        EnvironmentValue.Required(variable, "set it in the .env beside the compose file (kcm-compose init or emit -o creates one)");

    /// <summary>24 letters and digits from <see cref="RandomNumberGenerator"/> (about 143 bits).</summary>
    public static EnvironmentValue GeneratePassword() => EnvironmentValue.Literal(RandomNumberGenerator.GetString(PasswordAlphabet, 24));

    // A service name such as "my_db" is a valid compose name but not a DNS label; Compose still resolves it, so keep it.
    private static Hostname HostnameOrPlaceholder(string serviceName) =>
        Hostname.TryOf(serviceName, out var hostname) ? hostname! : throw new KcmStackException($"Service name '{serviceName}' cannot serve as a host name.");

    private sealed record State
    {
        public required string SslHostname { get; init; }
        public DatabaseKind Database { get; init; } = DatabaseKind.MySql;
        public string Tag { get; init; } = KcmImages.DefaultTag;
        public TlsMode Tls { get; init; } = TlsMode.LetsEncrypt();
        public string? CaHostPath { get; init; }
        public string CaContainerPath { get; init; } = ClientAuthentication.DefaultCaPath;
        public VerifyClientMode? VerifyClient { get; init; }
        public int? VerifyDepth { get; init; }
        public string? AdditionalNginxConfig { get; init; }
        public bool ContentTypeOptions { get; init; } = true;
        public bool ContentSecurityPolicy { get; init; } = true;
        public EnvironmentValue? Password { get; init; }
        public EnvironmentValue? AdminPassword { get; init; }
        public EnvironmentValue? RootPassword { get; init; }
        public EnvironmentValue? PostgresPassword { get; init; }
        public string? DataVolume { get; init; } = "kcm-db-data";
        public string? GuacamoleVolume { get; init; } = "kcm-guacamole";
        public string DatabaseName { get; init; } = "guacamole_db";
        public string Username { get; init; } = "guacamole_user";
        public EnvironmentValue? License { get; init; }
        public RestartPolicy Restart { get; init; } = RestartPolicy.UnlessStopped;

        public EquatableArray<PortBinding> Ports { get; init; } = ImmutableArray.Create(
            new PortBinding(PortBinding.AllInterfaces, 80, 80),
            new PortBinding(PortBinding.AllInterfaces, 443, 443));

        public ImmutableDictionary<KcmServiceRole, string> Names { get; init; } = ImmutableDictionary.CreateRange(
        [
            KeyValuePair.Create(KcmServiceRole.Proxy, DefaultProxyName),
            KeyValuePair.Create(KcmServiceRole.Guacd, DefaultGuacdName),
            KeyValuePair.Create(KcmServiceRole.Guacamole, DefaultGuacamoleName),
            KeyValuePair.Create(KcmServiceRole.Database, DefaultDatabaseName),
        ]);

        public ImmutableList<(KcmServiceRole Role, EnvironmentEntry Entry)> Extra { get; init; } = [];

        public ImmutableList<KcmServer> Servers { get; init; } = [];

        public ImmutableList<(string Host, string CaHostPath, string? ContainerPath)> ServerCas { get; init; } = [];
    }
}
