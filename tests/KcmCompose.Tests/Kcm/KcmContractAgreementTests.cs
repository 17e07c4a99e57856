using KcmCompose.Certificates;
using KcmCompose.Compose;
using KcmCompose.Docker;
using KcmCompose.Kcm;
using KcmCompose.Tests.Certificates;
using KcmCompose.Validation;

namespace KcmCompose.Tests.Kcm;

/// <summary>
/// The one KCM contract, seen from every command: over a table of proxy variants, <c>validate</c>, <c>check-client</c>,
/// the <c>apply</c> plan (its validate-first gate and the desired state), <c>client-auth enable</c> and the reader
/// identify the same proxy service and the same effective settings, or all refuse the file with the same code.
/// </summary>
/// <remarks>
/// The client CA file holds root, intermediate 1 and intermediate 2; the client certificate is issued by intermediate 2
/// and sent alone, so nginx needs <c>ssl_verify_depth</c> 2 or more: a depth one command read differently from another
/// changes <c>check-client</c>'s verdict. <c>check-client</c> speaks only to client-certificate settings (not the EULA,
/// not GUACAMOLE_HOSTNAME); <c>client-auth</c> edits one file and rewrites the settings it is given, so it answers
/// only which proxy it would edit.
/// </remarks>
public class KcmContractAgreementTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly Lazy<(string Bundle, string Client)> Pki = new(() =>
    {
        var root = TestPki.Root("CN=Agreement Root", Now, TestPki.NewEc());
        var first = TestPki.Intermediate("CN=Agreement Intermediate 1", root, Now, TestPki.NewEc());
        var second = TestPki.Intermediate("CN=Agreement Intermediate 2", first, Now, TestPki.NewEc());
        var client = TestPki.Client("CN=alice", second, Now, keys: TestPki.NewEc());
        return (root.Pem + first.Pem + second.Pem, client.Pem);
    });

    private string _folder = null!;

    [SetUp]
    public void SetUp()
    {
        _folder = Directory.CreateTempSubdirectory("kcm-agree-").FullName;
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), Pki.Value.Bundle);
        File.WriteAllText(Path.Combine(_folder, "alice.pem"), Pki.Value.Client);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<TestCaseData> Variants()
    {
        // Image spellings: any registry host, port, tag or digest names the same proxy.
        foreach (var image in new[]
        {
            "keeper/guacamole-ssl-nginx:2", "docker.io/keeper/guacamole-ssl-nginx:2", "registry.corp.example/keeper/guacamole-ssl-nginx:2",
            "registry.corp.example:5000/keeper/guacamole-ssl-nginx@sha256:" + new string('a', 64), "localhost/keeper/guacamole-ssl-nginx",
            "index.docker.io/keeper/guacamole-ssl-nginx:2.1",
        })
        {
            yield return Case($"image {image}", new Variant { Image = image }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        }

        yield return Case("proxy under another name", new Variant { ProxyName = "front" }, Agree.Settings("front", VerifyClientMode.On, 2));

        // ACCEPT_EULA: only the documented "Y".
        yield return Case("EULA Y", new Variant { Eula = "\"Y\"" }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        foreach (var eula in new[] { "\"yes\"", "\"true\"", "\"1\"", "\"y\"" })
        {
            yield return Case($"EULA {eula}", new Variant { Eula = eula }, Agree.Refused(KcmProblemCodes.EulaNotAccepted, clientCheckConcerned: false));
        }

        // SSL_VERIFY_CLIENT as nginx reads it: its four words in any letter case, nothing around them.
        yield return Case("verify on", new Variant { VerifyClient = "\"on\"" }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        yield return Case("verify ON", new Variant { VerifyClient = "\"ON\"" }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        yield return Case("verify Optional", new Variant { VerifyClient = "Optional", Extra = "if ($$ssl_client_verify != SUCCESS) { return 403; }" }, Agree.Settings("ssl", VerifyClientMode.Optional, 2));
        yield return Case("verify off", new Variant { VerifyClient = "\"off\"" }, Agree.Settings("ssl", VerifyClientMode.Off, 2));
        foreach (var bad in new[] { "bogus", "\" on\"", "\"on;\"" })
        {
            yield return Case($"verify {bad}", new Variant { VerifyClient = bad }, Agree.Refused(KcmProblemCodes.VerifyClientInvalid));
        }

        // SSL_VERIFY_DEPTH as nginx reads it: ASCII digits, 0 or more.
        yield return Case("depth 3", new Variant { Depth = "\"3\"" }, Agree.Settings("ssl", VerifyClientMode.On, 3));
        yield return Case("depth 101", new Variant { Depth = "\"101\"" }, Agree.Settings("ssl", VerifyClientMode.On, 101));
        yield return Case("depth 1 (too small for this CA)", new Variant { Depth = "\"1\"" }, Agree.TooShallow(1));
        yield return Case("depth absent (nginx default 1)", new Variant { Depth = null }, Agree.TooShallow(KcmSettings.DefaultVerifyDepth));
        foreach (var bad in new[] { "\"-1\"", "abc", "\"1.5\"", "\"+2\"", "\"99999999999\"" })
        {
            yield return Case($"depth {bad}", new Variant { Depth = bad }, Agree.Refused(KcmProblemCodes.VerifyDepthInvalid));
        }

        // Where the environment is written.
        yield return Case("environment as a list", new Variant { ListForm = true }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        yield return Case("settings in env_file", new Variant { EnvFile = "SSL_VERIFY_CLIENT=on\nSSL_VERIFY_DEPTH=3\n" }, Agree.Settings("ssl", VerifyClientMode.On, 3));
        yield return Case("env_file missing", new Variant { EnvFile = "", EnvFileMissing = true }, Agree.Refused(KcmProblemCodes.EnvFileMissing));
        yield return Case("anchor merged into environment", new Variant { Anchored = true }, Agree.Settings("ssl", VerifyClientMode.On, 2));
        yield return Case("override file sets the depth", new Variant { Override = "services:\n  ssl:\n    environment:\n      SSL_VERIFY_DEPTH: \"4\"\n" }, Agree.Settings("ssl", VerifyClientMode.On, 4, editable: false));
        yield return Case("override file breaks verify", new Variant { Override = "services:\n  ssl:\n    environment:\n      SSL_VERIFY_CLIENT: sometimes\n" }, Agree.Refused(KcmProblemCodes.VerifyClientInvalid, editable: false));

        // Files no command may act on as if they were fine.
        yield return Case("two proxy services", new Variant { SecondProxy = true }, Agree.Refused(KcmProblemCodes.ServiceDuplicate, editorRefuses: true));
        yield return Case("CA path with a space", new Variant { CaContainerPath = "/certs/client ca.pem" }, Agree.Refused(KcmProblemCodes.ContainerPathUnsafe));
        yield return Case("CA path with ';'", new Variant { CaContainerPath = "/certs/ca.pem;ssl_verify_client" }, Agree.Refused(KcmProblemCodes.ContainerPathUnsafe));
        yield return Case("no GUACAMOLE_HOSTNAME", new Variant { GuacamoleHostname = null }, Agree.Refused(KcmProblemCodes.GuacamoleHostnameMissing, clientCheckConcerned: false));
    }

    [TestCaseSource(nameof(Variants))]
    public async Task EveryCommand_SameFile_SameProxyAndSettingsOrSameRefusal(Variant variant, Agree expected)
    {
        var files = variant.Write(_folder);

        var validate = await ComposeValidator.ValidateFilesAsync(files);
        var errors = validate.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Code).Distinct().ToList();
        var project = await ComposeProject.LoadAsync(files);
        var read = KcmStackReader.Read(project.Document);
        var apply = await Capture(() => ServiceDeployment.LoadCheckedAsync(new ServiceDeploymentRequest(files[0]) { OverrideFiles = [.. files.Skip(1)] }, CancellationToken.None));
        var check = await Capture(() => ClientCertificateCheckRunner.CheckFilesAsync(Path.Combine(_folder, "alice.pem"), files, null));
        var edit = ClientAuthenticationEditor.Enable(File.ReadAllText(files[0]), ClientAuthentication.FromCaFile(Path.Combine(_folder, "ca.pem")), files[0]);
        var context = $"validate: {string.Join(", ", validate.Diagnostics)}\nreader: {string.Join(", ", read.Problems)}";

        if (expected.Code is { } code)
        {
            errors.Should().Contain(code, context);
            read.Problems.Select(p => p.Code).Should().Contain(code, context);
            apply.Error.Should().BeOfType<ComposeValidationException>(context)
                .Which.Report.Diagnostics.Select(d => d.Code).Should().Contain(code);
            if (expected.ClientCheckConcerned)
            {
                check.Error.Should().BeOfType<ClientCertificateCheckException>(context).Which.Code.Should().Be(code);
            }

            if (expected.EditorRefuses)
            {
                edit.Status.Should().Be(ComposeEditStatus.Refused);
                edit.Message.Should().Contain(code);
            }
        }
        else
        {
            errors.Should().BeEquivalentTo(expected.ValidateErrors, context);
            if (expected.ValidateErrors.Length > 0)
            {
                // apply refuses what validate rejects; its desired state is still read by the same contract.
                apply.Error.Should().BeOfType<ComposeValidationException>().Which.Report.Diagnostics.Select(d => d.Code).Should().Contain(expected.ValidateErrors);
                apply = await Capture(() => ServiceDeployment.LoadCheckedAsync(
                    new ServiceDeploymentRequest(files[0]) { OverrideFiles = [.. files.Skip(1)], SkipValidation = true }, CancellationToken.None));
            }

            apply.Error.Should().BeNull(context);
            read.Stack.Should().NotBeNull(context);
            check.Error.Should().BeNull(context);

            // The same proxy service.
            read.Stack!.Proxy.ServiceName.Should().Be(expected.Service);
            apply.Value!.Target.Service.Should().Be(expected.Service);

            // The same effective settings, each read by the one contract.
            var auth = read.Stack.Proxy.ClientAuthentication!;
            (auth.VerifyClient ?? KcmSettings.DefaultVerifyClient).Should().Be(expected.Mode);
            (auth.VerifyDepth ?? KcmSettings.DefaultVerifyDepth).Should().Be(expected.Depth);
            var desired = apply.Value.Desired.Environment;
            EffectiveMode(desired).Should().Be(expected.Mode);
            EffectiveDepth(desired).Should().Be(expected.Depth);
            desired[KcmVariables.ClientCertificateFile].Should().Be(auth.CaFile.Value);

            // check-client's verdict follows the same depth and mode: 2 intermediates need depth 2.
            var accepted = expected.Mode == VerifyClientMode.Off || expected.Depth >= 2;
            check.Value!.Accepted.Should().Be(accepted, check.Value.Reason);
            if (!accepted)
            {
                check.Value.Error.ToCode().Should().Be("client-chain-too-long");
            }
        }

        if (expected.Editable && !expected.EditorRefuses && expected.Code is not KcmProblemCodes.ServiceDuplicate)
        {
            edit.Status.Should().NotBe(ComposeEditStatus.Refused, edit.Message);
            edit.Message.Should().Contain($"on service '{variant.ProxyName}'");
        }
    }

    [Test]
    public void Variants_AtLeastThirty()
    {
        Variants().Count().Should().BeGreaterThanOrEqualTo(30);
    }

    private static VerifyClientMode EffectiveMode(System.Collections.Immutable.ImmutableDictionary<string, string> environment) =>
        environment.TryGetValue(KcmVariables.SslVerifyClient, out var text) && VerifyClientModes.TryParse(text, out var mode) ? mode : KcmSettings.DefaultVerifyClient;

    private static int EffectiveDepth(System.Collections.Immutable.ImmutableDictionary<string, string> environment) =>
        environment.TryGetValue(KcmVariables.SslVerifyDepth, out var text) && ClientAuthentication.TryParseVerifyDepth(text, out var depth) ? depth : KcmSettings.DefaultVerifyDepth;

    private static TestCaseData Case(string name, Variant variant, Agree expected) => new TestCaseData(variant, expected).SetArgDisplayNames(name);

    private static async Task<(T? Value, Exception? Error)> Capture<T>(Func<Task<T>> action)
        where T : class
    {
        try
        {
            return (await action(), null);
        }
        catch (Exception e) when (e is ComposeValidationException or ClientCertificateCheckException or ComposeLoadException)
        {
            return (null, e);
        }
    }

    /// <summary>What every command should conclude about a variant.</summary>
    public sealed record Agree(string? Code, string Service, VerifyClientMode Mode, int Depth)
    {
        public bool ClientCheckConcerned { get; init; } = true;

        public bool EditorRefuses { get; init; }

        public bool Editable { get; init; } = true;

        public string[] ValidateErrors { get; init; } = [];

        public static Agree Settings(string service, VerifyClientMode mode, int depth, bool editable = true) => new(null, service, mode, depth) { Editable = editable };

        /// <summary>A depth that parses but is too small for the CA file: validate and apply refuse, check-client rejects the chain.</summary>
        public static Agree TooShallow(int depth) => new(null, "ssl", VerifyClientMode.On, depth) { ValidateErrors = ["verify-depth-too-small"] };

        public static Agree Refused(string code, bool clientCheckConcerned = true, bool editorRefuses = false, bool editable = true) =>
            new(code, "ssl", default, 0) { ClientCheckConcerned = clientCheckConcerned, EditorRefuses = editorRefuses, Editable = editable };
    }

    /// <summary>One way of writing the KCM stack's proxy.</summary>
    public sealed record Variant
    {
        public string Image { get; init; } = "keeper/guacamole-ssl-nginx:2";

        public string ProxyName { get; init; } = "ssl";

        public string Eula { get; init; } = "\"Y\"";

        public string? VerifyClient { get; init; } = "\"on\"";

        public string? Depth { get; init; } = "\"2\"";

        public string? Extra { get; init; }

        public string? GuacamoleHostname { get; init; } = "guacamole";

        public string CaContainerPath { get; init; } = "/certs/client-ca.pem";

        public bool ListForm { get; init; }

        public string? EnvFile { get; init; }

        public bool EnvFileMissing { get; init; }

        public bool Anchored { get; init; }

        public string? Override { get; init; }

        public bool SecondProxy { get; init; }

        public IReadOnlyList<string> Write(string folder)
        {
            var settings = new List<(string Name, string Value)>
            {
                ("ACCEPT_EULA", Eula),
                ("CLIENT_CERTIFICATE_FILE", $"\"{CaContainerPath}\""),
                ("SELF_SIGNED", "\"Y\""),
                ("SSL_HOSTNAME", "kcm.example.com"),
            };
            if (GuacamoleHostname is not null)
            {
                settings.Add(("GUACAMOLE_HOSTNAME", GuacamoleHostname));
            }

            if (EnvFile is null)
            {
                if (VerifyClient is not null)
                {
                    settings.Add(("SSL_VERIFY_CLIENT", VerifyClient));
                }

                if (Depth is not null)
                {
                    settings.Add(("SSL_VERIFY_DEPTH", Depth));
                }
            }

            if (Extra is not null)
            {
                settings.Add(("ADDITIONAL_NGINX_CONFIG", $"'{Extra}'"));
            }

            var proxy = new System.Text.StringBuilder();
            proxy.Append(System.Globalization.CultureInfo.InvariantCulture, $"  {ProxyName}:\n    image: {Image}\n    restart: unless-stopped\n    depends_on:\n      - guacamole\n");
            proxy.Append(System.Globalization.CultureInfo.InvariantCulture, $"    volumes:\n      - ./ca.pem:{CaContainerPath}:ro\n    ports:\n      - \"0.0.0.0:443:443\"\n");
            if (EnvFile is not null)
            {
                proxy.Append("    env_file: proxy.env\n");
                if (!EnvFileMissing)
                {
                    File.WriteAllText(Path.Combine(folder, "proxy.env"), EnvFile);
                }
            }

            var top = string.Empty;
            if (Anchored)
            {
                top = "x-proxy-env: &proxy-env\n" + string.Concat(settings.Select(s => $"  {s.Name}: {s.Value}\n"));
                proxy.Append("    environment:\n      <<: *proxy-env\n");
            }
            else if (ListForm)
            {
                proxy.Append("    environment:\n" + string.Concat(settings.Select(s => $"      - {s.Name}={Unquote(s.Value)}\n")));
            }
            else
            {
                proxy.Append("    environment:\n" + string.Concat(settings.Select(s => $"      {s.Name}: {s.Value}\n")));
            }

            if (SecondProxy)
            {
                proxy.Append(proxy.ToString().Replace($"  {ProxyName}:\n", "  proxy2:\n", StringComparison.Ordinal).Replace("0.0.0.0:443:443", "0.0.0.0:8443:443", StringComparison.Ordinal));
            }

            var yaml = top + "services:\n" + proxy + Rest;
            var main = Path.Combine(folder, "compose.yaml");
            File.WriteAllText(main, yaml);
            if (Override is null)
            {
                return [main];
            }

            var second = Path.Combine(folder, "compose.override.yaml");
            File.WriteAllText(second, Override);
            return [main, second];
        }

        private static string Unquote(string value) => value.Length >= 2 && value[0] is '"' or '\'' ? value[1..^1] : value;

        private const string Rest = """
              db:
                image: keeper/guacamole-db-mysql:2
                restart: unless-stopped
                environment:
                  ACCEPT_EULA: "Y"
                  GUACAMOLE_ADMIN_PASSWORD: admin-secret
                  GUACAMOLE_DATABASE: guacamole_db
                  GUACAMOLE_PASSWORD: db-secret
                  GUACAMOLE_USERNAME: guacamole_user
                  MYSQL_ROOT_PASSWORD: root-secret
              guacamole:
                image: keeper/guacamole:2
                restart: unless-stopped
                depends_on:
                  - db
                  - guacd
                environment:
                  ACCEPT_EULA: "Y"
                  GUACD_HOSTNAME: guacd
                  MYSQL_DATABASE: guacamole_db
                  MYSQL_HOSTNAME: db
                  MYSQL_PASSWORD: db-secret
                  MYSQL_USERNAME: guacamole_user
              guacd:
                image: keeper/guacd:2
                restart: unless-stopped
                environment:
                  ACCEPT_EULA: "Y"

            """;
    }
}
