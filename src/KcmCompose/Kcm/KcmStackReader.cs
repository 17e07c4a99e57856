using System.Collections.Immutable;
using System.Globalization;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// Maps a compose document onto a <see cref="KcmStack"/>. KCM services are recognised by image repository whatever
/// their names and tags; environment in mapping or list form, volumes and ports in short or long syntax. Everything the
/// model does not interpret is kept (other services, other keys, extra environment); what cannot be mapped is reported.
/// Never throws for bad input.
/// </summary>
public static class KcmStackReader
{
    /// <summary>Reads <paramref name="document"/>.</summary>
    public static KcmReadResult Read(ComposeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Session(document).Run();
    }

    private sealed record EnvironmentItem(string Name, EnvironmentValue? Value, ComposeNode Node, string Path, bool FromEnvFile = false);

    private sealed class Session(ComposeDocument document)
    {
        private readonly ImmutableArray<ComposeProblem>.Builder _problems = ImmutableArray.CreateBuilder<ComposeProblem>();
        private readonly ServiceReadResult _views = ComposeServices.Read(document);
        private readonly KcmServices _kcm = KcmServices.Read(document);

        public KcmReadResult Run()
        {
            var root = document.Root;
            var otherTop = new ComposeMapping([.. root.Entries.Where(e => e.Key.Value != "services")]);
            if (root["services"] is not ComposeMapping services)
            {
                Problem(KcmProblemCodes.NoServices, root, "services", null, "The file has no 'services' mapping.", "Add the KCM services under 'services:'.");
                return Result(null);
            }

            var found = new Dictionary<KcmServiceRole, (string Name, ComposeMapping Node)>();
            var other = ImmutableArray.CreateBuilder<ComposeEntry>();
            foreach (var entry in services.Entries)
            {
                var role = entry.Value is ComposeMapping m && m["image"] is ComposeScalar image ? KcmImages.RoleOf(image.Value) : null;
                if (role is null)
                {
                    other.Add(entry);
                }
                else if (found.TryGetValue(role.Value, out var first))
                {
                    Problem(KcmProblemCodes.ServiceDuplicate, entry.Key, $"services.{entry.Key.Value}", entry.Key.Value,
                        $"Service '{entry.Key.Value}' runs the same KCM image role ({role}) as '{first.Name}'; it is kept as an other service.",
                        "Keep one service per KCM image.");
                    other.Add(entry);
                }
                else
                {
                    found[role.Value] = (entry.Key.Value, (ComposeMapping)entry.Value);
                }
            }

            foreach (var role in Enum.GetValues<KcmServiceRole>().Where(r => !found.ContainsKey(r)))
            {
                Problem(KcmProblemCodes.ServiceMissing, services, "services", null, $"No service runs the {role} image ({KcmImages.Describe(role)}).",
                    $"Add a service with image {KcmImages.Describe(role)}:{KcmImages.DefaultTag}.");
            }

            if (found.Count < 4)
            {
                return Result(null);
            }

            var kcmPaths = found.Values.Select(f => $"services.{f.Name}").ToList();
            _problems.AddRange(_views.Problems.Concat(_kcm.Problems).Where(p => kcmPaths.Any(k => p.Path == k || p.Path.StartsWith(k + ".", StringComparison.Ordinal) || p.Path.StartsWith(k + "[", StringComparison.Ordinal))));
            var stack = BuildStack(services, found, other.ToImmutable(), otherTop);
            return Result(stack);
        }

        private KcmReadResult Result(KcmStack? stack) => new(stack, _problems.ToImmutable());

        private KcmStack? BuildStack(ComposeMapping services, Dictionary<KcmServiceRole, (string Name, ComposeMapping Node)> found, ImmutableArray<ComposeEntry> otherServices, ComposeMapping otherTop)
        {
            var (proxyName, proxyNode) = found[KcmServiceRole.Proxy];
            var (guacdName, guacdNode) = found[KcmServiceRole.Guacd];
            var (guacamoleName, guacamoleNode) = found[KcmServiceRole.Guacamole];
            var (databaseName, databaseNode) = found[KcmServiceRole.Database];

            var proxyEnv = Environment(proxyName, proxyNode);
            var guacdEnv = Environment(guacdName, guacdNode);
            var guacamoleEnv = Environment(guacamoleName, guacamoleNode);
            var databaseEnv = Environment(databaseName, databaseNode);

            var eula = true;
            foreach (var (name, node, env) in (ReadOnlySpan<(string, ComposeMapping, Dictionary<string, EnvironmentItem>)>)[(proxyName, proxyNode, proxyEnv), (guacdName, guacdNode, guacdEnv), (guacamoleName, guacamoleNode, guacamoleEnv), (databaseName, databaseNode, databaseEnv)])
            {
                if (!Take(env, KcmVariables.AcceptEula, out var accepted) || !IsYes(accepted!))
                {
                    eula = false;
                    Problem(KcmProblemCodes.EulaNotAccepted, accepted?.Node ?? node, $"services.{name}.environment.{KcmVariables.AcceptEula}", accepted?.Value?.Text,
                        $"Service '{name}' does not set ACCEPT_EULA to 'Y'; the KCM images refuse to start without it.", "Set ACCEPT_EULA: 'Y' after reading the KCM EULA.");
                }
            }

            var databaseKind = KcmImages.DatabaseOf(((ComposeScalar)databaseNode["image"]!).Value) ?? DatabaseKind.MySql;
            var proxy = ReadProxy(proxyName, proxyNode, proxyEnv, guacamoleName);
            var guacd = new KcmGuacd
            {
                ServiceName = guacdName,
                Image = ImageText(guacdNode),
                Restart = Restart(guacdName, guacdNode),
                OtherKeys = OtherKeys(guacdNode, []),
            };
            var database = ReadDatabase(databaseName, databaseNode, databaseEnv, databaseKind, guacamoleEnv);
            var guacamole = ReadGuacamole(guacamoleName, guacamoleNode, guacamoleEnv, guacdName, databaseName, database);
            if (proxy is null || database is null || guacamole is null)
            {
                return null;
            }

            var stack = new KcmStack
            {
                AcceptEula = eula,
                Proxy = proxy with { ExtraEnvironment = Extra(proxyEnv) },
                Guacd = guacd with { ExtraEnvironment = Extra(guacdEnv) },
                Guacamole = guacamole with { ExtraEnvironment = Extra(guacamoleEnv) },
                Database = database with { ExtraEnvironment = Extra(databaseEnv) },
                OtherServices = new ComposeMapping(otherServices),
                OtherTopLevel = otherTop,
            };

            stack = DropImpliedDependencies(stack, proxyNode, guacamoleNode, guacdNode, databaseNode);
            stack = LiftVolumes(stack);
            foreach (var problem in stack.Validate())
            {
                Problem(problem.Code, services, "services", problem.Value, problem.Message, "Correct the value in the compose file.");
            }

            return stack;
        }

        /// <summary>
        /// Moves the model's named volumes out of the verbatim keys: a database whose only volume is
        /// <c>NAME:data-directory</c>, and guacd and Guacamole whose only volume is the same <c>NAME:/var/lib/guacamole</c>,
        /// with NAME declared empty under top-level <c>volumes</c>. Anything else stays verbatim.
        /// </summary>
        private static KcmStack LiftVolumes(KcmStack stack)
        {
            var declared = stack.OtherTopLevel["volumes"] as ComposeMapping ?? ComposeMapping.Empty;
            var top = declared;

            string? Lift(KcmService service, string directory)
            {
                if (service.OtherKeys["volumes"] is ComposeSequence { Items: [ComposeScalar { Type: not ScalarType.Null } item] }
                    && item.Value.EndsWith(":" + directory, StringComparison.Ordinal)
                    && item.Value[..^(directory.Length + 1)] is var name
                    && KcmStackValidator.IsVolumeName(name)
                    && top[name] is ComposeScalar { Type: ScalarType.Null })
                {
                    return name;
                }

                return null;
            }

            var data = Lift(stack.Database, KcmDataDirectories.Database(stack.Database.Kind));
            if (data is not null)
            {
                top = top.Remove(data);
                stack = stack with { Database = stack.Database with { DataVolume = data, OtherKeys = stack.Database.OtherKeys.Remove("volumes") } };
            }

            var shared = Lift(stack.Guacd, KcmDataDirectories.Guacamole);
            if (shared is not null && shared != data && Lift(stack.Guacamole, KcmDataDirectories.Guacamole) == shared)
            {
                top = top.Remove(shared);
                stack = stack with
                {
                    GuacamoleVolume = shared,
                    Guacd = stack.Guacd with { OtherKeys = stack.Guacd.OtherKeys.Remove("volumes") },
                    Guacamole = stack.Guacamole with { OtherKeys = stack.Guacamole.OtherKeys.Remove("volumes") },
                };
            }

            if (ReferenceEquals(top, declared))
            {
                return stack;
            }

            return stack with { OtherTopLevel = top.Entries.IsEmpty ? stack.OtherTopLevel.Remove("volumes") : stack.OtherTopLevel.Set("volumes", top) };
        }

        private static KcmStack DropImpliedDependencies(KcmStack stack, params ComposeMapping[] nodes)
        {
            KcmService Drop(KcmService service, ComposeMapping node)
            {
                if (service.OtherKeys["depends_on"] is ComposeSequence sequence
                    && sequence.Items.All(i => i is ComposeScalar)
                    && sequence.Items.Select(i => ((ComposeScalar)i).Value).Order(StringComparer.Ordinal)
                        .SequenceEqual(KcmComposeMapper.ImpliedDependencies(stack, service)))
                {
                    return service with { OtherKeys = service.OtherKeys.Remove("depends_on") };
                }

                _ = node;
                return service;
            }

            return stack with
            {
                Proxy = (KcmProxy)Drop(stack.Proxy, nodes[0]),
                Guacamole = (KcmGuacamole)Drop(stack.Guacamole, nodes[1]),
                Guacd = (KcmGuacd)Drop(stack.Guacd, nodes[2]),
                Database = (KcmDatabase)Drop(stack.Database, nodes[3]),
            };
        }

        private KcmProxy? ReadProxy(string name, ComposeMapping node, Dictionary<string, EnvironmentItem> env, string guacamoleName)
        {
            var path = $"services.{name}";
            var view = _views.Find(name);
            var mounts = Mounts(view);
            var consumed = new HashSet<string>(StringComparer.Ordinal);

            Hostname? ssl = null;
            if (!Take(env, KcmVariables.SslHostname, out var sslItem))
            {
                Problem(KcmProblemCodes.SslHostnameMissing, node, $"{path}.environment", null, "The proxy has no SSL_HOSTNAME.", "Set SSL_HOSTNAME to the public name users browse to.");
            }
            else
            {
                ssl = TypedHostname(sslItem!);
            }

            var guacamoleHost = Take(env, KcmVariables.GuacamoleHostname, out var guacItem) ? TypedHostname(guacItem!) : null;
            if (guacItem is null)
            {
                Problem(KcmProblemCodes.GuacamoleHostnameMissing, node, $"{path}.environment", null, "The proxy has no GUACAMOLE_HOSTNAME; the Guacamole service name is assumed.", $"Set GUACAMOLE_HOSTNAME: {guacamoleName}.");
            }

            guacamoleHost ??= Hostname.TryOf(guacamoleName, out var g) ? g : null;

            // TLS mode: existing certificate, else self-signed, else Let's Encrypt (the image's default).
            Take(env, KcmVariables.CertificateFile, out var certItem);
            Take(env, KcmVariables.PrivateKeyFile, out var keyItem);
            Take(env, KcmVariables.SelfSigned, out var selfItem);
            Take(env, KcmVariables.LetsEncryptAcceptTos, out var tosItem);
            Take(env, KcmVariables.LetsEncryptEmail, out var emailItem);
            Take(env, KcmVariables.LetsEncryptStaging, out var stagingItem);
            TlsMode tls;
            if (certItem is not null || keyItem is not null)
            {
                var certificate = certItem is null ? null : TypedPath(certItem);
                var key = keyItem is null ? null : TypedPath(keyItem);
                if (certificate is null || key is null)
                {
                    Problem(KcmProblemCodes.CertificateIncomplete, (certItem ?? keyItem)!.Node, $"{path}.environment", null,
                        "CERTIFICATE_FILE and PRIVATE_KEY_FILE must both be set to container paths.", "Set both, or neither.");
                    return null;
                }

                tls = new ExistingCertificateTls(HostPathFor(mounts, certificate, consumed), certificate, HostPathFor(mounts, key, consumed), key);
                if (selfItem is not null && IsYes(selfItem))
                {
                    Problem(KcmProblemCodes.TlsConflict, selfItem.Node, selfItem.Path, selfItem.Value?.Text, "SELF_SIGNED is set together with an existing certificate; the certificate wins.", "Remove SELF_SIGNED.");
                }
            }
            else if (selfItem is not null && IsYes(selfItem))
            {
                tls = TlsMode.SelfSigned;
            }
            else
            {
                string? email = null;
                if (emailItem is not null)
                {
                    email = Literal(emailItem);
                }

                tls = new LetsEncryptTls(email, stagingItem is not null && IsYes(stagingItem), tosItem is not null && IsYes(tosItem));
            }

            ClientAuthentication? auth = null;
            if (Take(env, KcmVariables.ClientCertificateFile, out var caItem) && TypedPath(caItem!) is { } caPath)
            {
                VerifyClientMode? mode = null;
                if (Take(env, KcmVariables.SslVerifyClient, out var modeItem))
                {
                    if (VerifyClientModes.TryParse(Literal(modeItem!), out var m))
                    {
                        mode = m;
                    }
                    else
                    {
                        Problem(KcmProblemCodes.VerifyClientInvalid, modeItem!.Node, modeItem.Path, modeItem.Value?.Text,
                            "SSL_VERIFY_CLIENT must be on, off, optional or optional_no_ca; the value is dropped.", "Use one of on, off, optional, optional_no_ca.");
                    }
                }

                int? depth = null;
                if (Take(env, KcmVariables.SslVerifyDepth, out var depthItem))
                {
                    if (KcmSettings.TryParseVerifyDepth(Literal(depthItem!), out var d))
                    {
                        depth = d;
                    }
                    else
                    {
                        Problem(KcmProblemCodes.VerifyDepthInvalid, depthItem!.Node, depthItem.Path, depthItem.Value?.Text,
                            "SSL_VERIFY_DEPTH must be a whole number, 0 or more; the value is dropped.", "Use a number such as 2.");
                    }
                }

                string? config = null;
                if (Take(env, KcmVariables.AdditionalNginxConfig, out var configItem))
                {
                    config = NginxConfig(configItem!);
                }

                auth = new ClientAuthentication(HostPathFor(mounts, caPath, consumed), caPath, mode, depth, config);
                if (auth.CaHostPath is null && !SwarmClientAuthentication.ProvidesFile(node, caPath.Value))
                {
                    Problem(KcmProblemCodes.ClientCaNotMounted, caItem!.Node, caItem.Path, caPath.Value,
                        $"CLIENT_CERTIFICATE_FILE names {caPath.Value}, but no volume mounts a file there.", $"Mount the CA file read-only at {caPath.Value}.");
                }
            }

            else
            {
                foreach (var orphan in (string[])[KcmVariables.SslVerifyClient, KcmVariables.SslVerifyDepth])
                {
                    if (Take(env, orphan, out var item))
                    {
                        Problem(KcmProblemCodes.VerifyWithoutCa, item!.Node, item.Path, item.Value?.Text,
                            $"{orphan} has no effect without a valid CLIENT_CERTIFICATE_FILE; it is dropped.", "Set CLIENT_CERTIFICATE_FILE to the CA file's container path, or remove it.");
                    }
                }
            }

            var servers = Take(env, KcmVariables.Servers, out var serversItem) ? ReadServers(serversItem!) : [];
            if (ssl is null || guacamoleHost is null)
            {
                return null;
            }

            var extraMounts = mounts.Where(m => !consumed.Contains(m.Mount.Target.Value)).Select(m => m.Mount).ToImmutableArray();
            return new KcmProxy
            {
                ServiceName = name,
                Image = ImageText(node),
                Restart = Restart(name, node),
                SslHostname = ssl,
                GuacamoleHostname = guacamoleHost,
                Tls = tls,
                ClientAuthentication = auth,
                ContentTypeOptions = TakeYes(env, KcmVariables.ContentTypeOptions),
                ContentSecurityPolicy = TakeYes(env, KcmVariables.ContentSecurityPolicy),
                Ports = Ports(view),
                ExtraMounts = extraMounts,
                Servers = servers,
                OtherKeys = OtherKeys(node, ["ports", "volumes"]),
            };
        }

        /// <summary>The <c>SERVERS</c> entries as typed servers (<see cref="KcmServerSettings.Parse"/>); entries that cannot be typed are reported and dropped.</summary>
        private ImmutableArray<KcmServer> ReadServers(EnvironmentItem item)
        {
            if (Literal(item) is not { } text)
            {
                return [];
            }

            var parsed = KcmServerSettings.Parse(text);
            foreach (var problem in parsed.Problems)
            {
                Problem(problem.Code, item.Node, ServerPath(item, problem.Entry, problem.Name), problem.Value, problem.Message, problem.Fix);
            }

            var servers = ImmutableArray.CreateBuilder<KcmServer>();
            for (var i = 0; i < parsed.Entries.Length; i++)
            {
                var settings = parsed.Entries[i].Settings;
                var hostname = settings.FirstOrDefault(s => s.Key.Value == KcmVariables.SslHostname).Value?.Value;
                try
                {
                    servers.Add(KcmServer.Of(
                        hostname ?? throw new ArgumentException($"SERVERS[{i}] sets no SSL_HOSTNAME, so it would answer for the top-level host name again."),
                        settings.Where(s => s.Key.Value != KcmVariables.SslHostname).Select(s => KeyValuePair.Create(s.Key.Value, s.Value.Value))));
                }
                catch (ArgumentException e)
                {
                    Problem(KcmProblemCodes.ServersInvalid, item.Node, ServerPath(item, i, null), hostname, e.Message.Split(" (Parameter", 2)[0] + " The entry is dropped.", "Correct the entry.");
                }
            }

            return servers.ToImmutable();
        }

        private static string ServerPath(EnvironmentItem item, int? entry, string? name) =>
            item.Path + (entry is { } i ? $"[{i}]" : string.Empty) + (name is null ? string.Empty : "." + name);

        private KcmDatabase? ReadDatabase(string name, ComposeMapping node, Dictionary<string, EnvironmentItem> env, DatabaseKind kind, Dictionary<string, EnvironmentItem> guacamoleEnv)
        {
            var prefix = KcmVariables.DatabasePrefix(kind);
            string? LiteralOr(string variable, string guacamoleVariable, string fallback)
            {
                if (Take(env, variable, out var item) || guacamoleEnv.TryGetValue(guacamoleVariable, out item))
                {
                    return Literal(item!);
                }

                Problem(KcmProblemCodes.DatabaseSettingMissing, node, $"services.{name}.environment", null, $"The database service sets no {variable}; '{fallback}' is assumed.", $"Set {variable}.");
                return fallback;
            }

            var databaseName = LiteralOr(KcmVariables.GuacamoleDatabase, prefix + "_DATABASE", "guacamole_db");
            var username = LiteralOr(KcmVariables.GuacamoleUsername, prefix + "_USERNAME", "guacamole_user");
            EnvironmentValue? password = null;
            if (Take(env, KcmVariables.GuacamolePassword, out var passwordItem) || guacamoleEnv.TryGetValue(prefix + "_PASSWORD", out passwordItem))
            {
                password = passwordItem!.Value;
            }

            if (password is null)
            {
                Problem(KcmProblemCodes.DatabasePasswordMissing, node, $"services.{name}.environment", null, "The database service sets no GUACAMOLE_PASSWORD.", "Set GUACAMOLE_PASSWORD (and the same value in Guacamole's password variable).");
                return null;
            }

            Take(env, KcmVariables.GuacamoleAdminPassword, out var adminItem);
            EnvironmentItem? rootItem = null;
            EnvironmentItem? postgresItem = null;
            if (kind == DatabaseKind.MySql)
            {
                Take(env, KcmVariables.MySqlRootPassword, out rootItem);
            }
            else
            {
                Take(env, KcmVariables.PostgresPassword, out postgresItem);
            }

            if (databaseName is null || username is null)
            {
                return null;
            }

            return new KcmDatabase
            {
                ServiceName = name,
                Image = ImageText(node),
                Restart = Restart(name, node),
                Kind = kind,
                DatabaseName = databaseName,
                Username = username,
                Password = password,
                AdminPassword = adminItem?.Value,
                RootPassword = rootItem?.Value,
                PostgresPassword = postgresItem?.Value,
                OtherKeys = OtherKeys(node, []),
            };
        }

        private KcmGuacamole? ReadGuacamole(string name, ComposeMapping node, Dictionary<string, EnvironmentItem> env, string guacdName, string databaseName, KcmDatabase? database)
        {
            var path = $"services.{name}.environment";
            var guacd = Take(env, KcmVariables.GuacdHostname, out var guacdItem) ? TypedHostname(guacdItem!) : null;
            if (guacdItem is null)
            {
                Problem(KcmProblemCodes.GuacdHostnameMissing, node, path, null, "Guacamole has no GUACD_HOSTNAME; the guacd service name is assumed.", $"Set GUACD_HOSTNAME: {guacdName}.");
            }

            guacd ??= Hostname.TryOf(guacdName, out var g) ? g : null;
            if (database is null)
            {
                return null;
            }

            var prefix = KcmVariables.DatabasePrefix(database.Kind);
            Hostname? databaseHost = null;
            if (Take(env, prefix + "_HOSTNAME", out var hostItem))
            {
                databaseHost = TypedHostname(hostItem!);
            }
            else
            {
                Problem(KcmProblemCodes.DatabaseHostnameMissing, node, path, null, $"Guacamole has no {prefix}_HOSTNAME; the database service name is assumed.", $"Set {prefix}_HOSTNAME: {databaseName}.");
            }

            databaseHost ??= Hostname.TryOf(databaseName, out var d) ? d : null;
            Compare(prefix + "_DATABASE", EnvironmentValue.Literal(database.DatabaseName));
            Compare(prefix + "_USERNAME", EnvironmentValue.Literal(database.Username));
            Compare(prefix + "_PASSWORD", database.Password);

            var otherPrefix = KcmVariables.DatabasePrefix(database.Kind == DatabaseKind.MySql ? DatabaseKind.PostgreSql : DatabaseKind.MySql);
            foreach (var item in env.Values.Where(i => i.Name.StartsWith(otherPrefix + "_", StringComparison.Ordinal)))
            {
                Problem(KcmProblemCodes.DatabaseKindMismatch, item.Node, item.Path, item.Name,
                    $"Guacamole sets {item.Name}, but the database service is {database.Kind}; the entry is kept as is.", $"Use {prefix}_* variables.");
            }

            Take(env, KcmVariables.KcmLicense, out var licenseItem);
            if (guacd is null || databaseHost is null)
            {
                return null;
            }

            return new KcmGuacamole
            {
                ServiceName = name,
                Image = ImageText(node),
                Restart = Restart(name, node),
                GuacdHostname = guacd,
                DatabaseHostname = databaseHost,
                License = licenseItem?.Value,
                OtherKeys = OtherKeys(node, []),
            };

            void Compare(string variable, EnvironmentValue expected)
            {
                if (!Take(env, variable, out var item))
                {
                    Problem(KcmProblemCodes.DatabaseSettingMissing, node, path, null, $"Guacamole has no {variable}.", $"Set {variable} to the database service's value.");
                }
                else if (item!.Value != expected)
                {
                    Problem(KcmProblemCodes.DatabaseSettingMismatch, item.Node, item.Path, item.Value?.Text,
                        $"Guacamole's {variable} differs from the database service's setting; the database service's value is used.", $"Give {variable} the same value in both services.");
                }
            }
        }

        // ---- values ----------------------------------------------------------------------------------------------

        private Hostname? TypedHostname(EnvironmentItem item)
        {
            var text = Literal(item);
            if (text is not null && Hostname.TryOf(text, out var hostname))
            {
                return hostname;
            }

            Problem(KcmProblemCodes.HostnameInvalid, item.Node, item.Path, item.Value?.Text, Hostname.Check(text) ?? "The value is not a literal host name.", "Use a literal host name.");
            return null;
        }

        private ContainerPath? TypedPath(EnvironmentItem item)
        {
            var text = Literal(item);
            if (text is not null && ContainerPath.TryOf(text, out var path))
            {
                return path;
            }

            Problem(text is not null && ContainerPath.FirstUnsafe(text) is not null ? KcmProblemCodes.ContainerPathUnsafe : KcmProblemCodes.ContainerPathInvalid, item.Node, item.Path, item.Value?.Text, ContainerPath.Check(text) ?? "The value is not a literal path.", "Use an absolute container path such as /certs/ca.pem.");
            return null;
        }

        /// <summary>The literal text of <paramref name="item"/>, or <see langword="null"/> (reported) when it is interpolated or unset.</summary>
        private string? Literal(EnvironmentItem item)
        {
            if (item.Value is { Kind: EnvironmentValueKind.Literal } value)
            {
                return value.Text;
            }

            Problem(KcmProblemCodes.ValueNotLiteral, item.Node, item.Path, item.Value?.Text,
                $"{item.Name} is {(item.Value is null ? "passed through from the environment" : "interpolated")}, so its value is unknown until Compose runs.", $"Write {item.Name} as a literal value.");
            return null;
        }

        /// <summary>
        /// ADDITIONAL_NGINX_CONFIG is nginx text: a single <c>$</c> there is meant for nginx, but Compose would interpolate it
        /// (usually to nothing). It is reported, and kept as the nginx text the author meant, so writing the stack fixes it.
        /// </summary>
        private string? NginxConfig(EnvironmentItem item)
        {
            if (item.Value is null)
            {
                Literal(item);
                return null;
            }

            if (item.Value.Kind == EnvironmentValueKind.Literal)
            {
                return item.Value.Text;
            }

            Problem(KcmProblemCodes.NginxConfigUnescapedDollar, item.Node, item.Path, item.Value.Text,
                "ADDITIONAL_NGINX_CONFIG contains '$' that Compose interpolates, so nginx would not see its variable (such as $ssl_client_verify).",
                "Write every nginx '$' as '$$' in the compose file; kcm-compose does this when it writes the file.");
            return item.Value.Text.Replace("$$", "\u0000", StringComparison.Ordinal).Replace("\u0000", "$", StringComparison.Ordinal);
        }

        private static bool IsYes(EnvironmentItem item) =>
            item.Value is { Kind: EnvironmentValueKind.Literal, Text: var text } && KcmSettings.IsYes(text);

        private static bool Take(Dictionary<string, EnvironmentItem> env, string name, out EnvironmentItem? item) =>
            env.Remove(name, out item);

        /// <summary>Takes a flag the model holds as a bool: only a literal <c>Y</c>; any other value stays an extra variable, kept as written.</summary>
        private static bool TakeYes(Dictionary<string, EnvironmentItem> env, string name) =>
            env.TryGetValue(name, out var item) && IsYes(item) && env.Remove(name);

        private static EquatableArray<EnvironmentEntry> Extra(Dictionary<string, EnvironmentItem> env) =>
            env.Values.Where(i => !i.FromEnvFile).OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new EnvironmentEntry(i.Name, i.Value)).ToImmutableArray();

        private static string ImageText(ComposeMapping node) => ((ComposeScalar)node["image"]!).Value;

        private RestartPolicy Restart(string name, ComposeMapping node)
        {
            var entry = node.Find("restart");
            switch (entry?.Value)
            {
                case null:
                    Problem(KcmProblemCodes.RestartMissing, node, $"services.{name}", null, $"Service '{name}' has no restart policy; it will not come back after a reboot.", "Set restart: unless-stopped.");
                    return RestartPolicy.No;
                case ComposeScalar { Value: "unless-stopped" }:
                    return RestartPolicy.UnlessStopped;
                case ComposeScalar { Value: "always" }:
                    return RestartPolicy.Always;
                case ComposeScalar { Value: "on-failure" }:
                    return RestartPolicy.OnFailure;
                case ComposeScalar { Value: "no" }:
                    return RestartPolicy.No;
                default:
                    Problem(KcmProblemCodes.RestartInvalid, entry.Value, $"services.{name}.restart", (entry.Value as ComposeScalar)?.Value,
                        "The restart policy is not one of no, always, on-failure, unless-stopped; unless-stopped is used.", "Use unless-stopped.");
                    return RestartPolicy.UnlessStopped;
            }
        }

        private static ComposeMapping OtherKeys(ComposeMapping node, string[] alsoModelled) =>
            new([.. node.Entries.Where(e => e.Key.Value is not ("image" or "restart" or "environment") && !alsoModelled.Contains(e.Key.Value))]);

        /// <summary>
        /// The service's effective environment from the shared view (<see cref="KcmServices"/>): env_file entries
        /// overridden by <c>environment</c>. Shapes the model cannot hold, and names set twice, are reported here.
        /// </summary>
        private Dictionary<string, EnvironmentItem> Environment(string service, ComposeMapping node)
        {
            var path = $"services.{service}.environment";
            switch (node["environment"])
            {
                case null or ComposeMapping:
                    break;
                case ComposeSequence sequence:
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        if (sequence.Items[i] is not ComposeScalar { Type: not ScalarType.Null } scalar)
                        {
                            Invalid(sequence.Items[i], $"{path}[{i}]");
                            continue;
                        }

                        var equals = scalar.Value.IndexOf('=', StringComparison.Ordinal);
                        var name = equals < 0 ? scalar.Value : scalar.Value[..equals];
                        if (!seen.Add(name))
                        {
                            Problem(KcmProblemCodes.EnvironmentDuplicate, scalar, $"{path}.{name}", name, $"{name} is set twice; the last value is used, as Compose does.", "Remove one of them.");
                        }
                    }

                    break;
                case var other:
                    Invalid(other, path);
                    break;
            }

            var result = new Dictionary<string, EnvironmentItem>(StringComparer.Ordinal);
            if (_kcm.Find(service) is not { } view)
            {
                return result;
            }

            foreach (var variable in view.Environment.Values)
            {
                if (variable.Raw is not null && node["environment"] is ComposeMapping mapping && mapping[variable.Name] is not ComposeScalar)
                {
                    Invalid(mapping[variable.Name]!, variable.Path);
                    continue;
                }

                var value = variable.EnvFile is not null ? EnvironmentValue.Literal(variable.Value ?? string.Empty)
                    : variable.RawValue is { } raw ? EnvironmentValue.FromComposeText(raw)
                    : null;
                result[variable.Name] = new EnvironmentItem(variable.Name, value, (ComposeNode?)variable.Raw ?? variable.Key, variable.Path, variable.EnvFile is not null);
            }

            return result;

            void Invalid(ComposeNode at, string where) =>
                Problem(KcmProblemCodes.EnvironmentInvalid, at, where, null, "An environment entry is not a scalar (or a list item not NAME=value); it is dropped.", "Write environment entries as NAME: value or - NAME=value.");
        }

        private sealed record MountItem(ServiceMount Mount, SourceLocation? Location, string Path);

        /// <summary>The proxy's volumes from the shared service view; shapes a <see cref="ServiceMount"/> cannot hold are reported.</summary>
        private List<MountItem> Mounts(ComposeService? view)
        {
            var result = new List<MountItem>();
            foreach (var volume in view?.Volumes ?? [])
            {
                if (volume is { Type: VolumeMountType.Bind or VolumeMountType.Volume, Source: { Length: > 0 } source, BindPropagation: null, BindSelinux: null, BindCreateHostPath: null }
                    && volume.Options.All(o => o is "ro" or "rw")
                    && ContainerPath.TryOf(volume.Target, out var target))
                {
                    result.Add(new MountItem(new ServiceMount(source, target!, volume.ReadOnly), volume.Location, volume.Path));
                }
                else
                {
                    Problem(KcmProblemCodes.VolumeUnsupported, volume.Location, volume.Path, volume.Source,
                        "This proxy volume is not a plain bind or named-volume mount (SOURCE:TARGET[:ro]); it is dropped.",
                        "Write it as SOURCE:TARGET[:ro].");
                }
            }

            return result;
        }

        private string? HostPathFor(List<MountItem> mounts, ContainerPath target, HashSet<string> consumed)
        {
            var match = mounts.FirstOrDefault(m => m.Mount.Target == target);
            if (match is null)
            {
                return null;
            }

            consumed.Add(target.Value);
            if (!match.Mount.ReadOnly)
            {
                Problem(KcmProblemCodes.MountWritable, match.Location, match.Path, match.Mount.Source,
                    $"{target.Value} is mounted writable; the proxy only reads it.", "Add :ro to the mount.");
            }

            if (ComposeText.TryUnescape(match.Mount.Source, out var literal))
            {
                return literal;
            }

            Problem("kcm-value-not-literal", match.Location, match.Path, match.Mount.Source,
                $"The host path of {target.Value} is interpolated, so it is unknown until Compose runs; the model holds host paths literally, so writing the stack escapes it.", "Write the host path literally ($$ for a $).");
            return match.Mount.Source;
        }

        /// <summary>The proxy's ports from the shared service view; only single TCP ports map onto <see cref="PortBinding"/>.</summary>
        private EquatableArray<PortBinding> Ports(ComposeService? view)
        {
            var result = ImmutableArray.CreateBuilder<PortBinding>();
            foreach (var port in view?.Ports ?? [])
            {
                if (port is { Protocol: "tcp", Mode: null or "ingress" }
                    && int.TryParse(port.Published, NumberStyles.None, CultureInfo.InvariantCulture, out var published)
                    && int.TryParse(port.Target, NumberStyles.None, CultureInfo.InvariantCulture, out var target))
                {
                    result.Add(new PortBinding(port.HostIp, published, target));
                }
                else
                {
                    Problem(KcmProblemCodes.PortUnsupported, port.Location, port.Path, port.Published is null ? port.Target : $"{port.Published}:{port.Target}",
                        "This port is not a single TCP port mapping ([IP:]PUBLISHED:TARGET); it is dropped.", "Write it as 'IP:PUBLISHED:TARGET'.");
                }
            }

            return result.ToImmutable();
        }

        private void Problem(string code, ComposeNode? at, string path, string? value, string message, string fix) =>
            Problem(code, at?.Location, path, value, message, fix);

        private void Problem(string code, SourceLocation? at, string path, string? value, string message, string fix) =>
            _problems.Add(new ComposeProblem(code, at, path, value, message, fix));
    }
}
