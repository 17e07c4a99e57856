using System.Collections.Immutable;

namespace KcmCompose.Compose;

/// <summary>
/// Reads the <c>services:</c> of a document into <see cref="ComposeService"/> views, reporting bad syntax as
/// <see cref="ComposeProblem"/>s instead of throwing. Works on raw or interpolated documents: parts that hold a
/// <c>$</c> variable are kept as written and not checked (read an interpolated document to check them).
/// </summary>
internal static partial class ComposeServices
{
    /// <summary>Reads every service of <paramref name="document"/>.</summary>
    public static ServiceReadResult Read(ComposeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var reader = new Reader();
        var services = ImmutableArray.CreateBuilder<ComposeService>();
        var servicesEntry = document.Root.Find("services");
        if (servicesEntry is not null)
        {
            if (servicesEntry.Value is ComposeMapping mapping)
            {
                foreach (var entry in mapping.Entries)
                {
                    if (reader.ReadService(entry) is { } service)
                    {
                        services.Add(service);
                    }
                }
            }
            else if (servicesEntry.Value is not ComposeScalar { Type: ScalarType.Null })
            {
                reader.InvalidType(servicesEntry.Value, "services", "a mapping of service names to services");
            }
        }

        return new ServiceReadResult(services.ToImmutable(), reader.Problems.ToImmutable());
    }

    private sealed partial class Reader
    {
        public ImmutableArray<ComposeProblem>.Builder Problems { get; } = ImmutableArray.CreateBuilder<ComposeProblem>();

        public ComposeService? ReadService(ComposeEntry entry)
        {
            var name = entry.Key.Value;
            var path = ComposePath.Join("services", name);
            if (entry.Value is not ComposeMapping node)
            {
                InvalidType(entry.Value, path, "a mapping (image, ports, environment...)");
                return null;
            }

            return new ComposeService(name, entry.Key.Location, node)
            {
                Image = Text(node, "image", path),
                Restart = Text(node, "restart", path),
                ContainerName = Text(node, "container_name", path),
                Environment = Environment(node.Find("environment"), path),
                Ports = Ports(node.Find("ports"), path),
                Volumes = Volumes(node.Find("volumes"), path),
                DependsOn = DependsOn(node.Find("depends_on"), path),
                EnvFiles = EnvFiles(node.Find("env_file"), path),
                Networks = Networks(node.Find("networks"), path),
                Secrets = FileReferences(node.Find("secrets"), path),
                Configs = FileReferences(node.Find("configs"), path),
            };
        }

        private string? Text(ComposeMapping node, string key, string parent)
        {
            var entry = node.Find(key);
            return entry is null ? null : Scalar(entry.Value, ComposePath.Join(parent, key));
        }

        /// <summary>The text of a scalar value; an <c>invalid-type</c> problem and null for anything else.</summary>
        private string? Scalar(ComposeNode node, string path)
        {
            switch (node)
            {
                case ComposeScalar { Type: ScalarType.Null }:
                    return null;
                case ComposeScalar scalar:
                    return scalar.Value;
                default:
                    InvalidType(node, path, "a single value");
                    return null;
            }
        }

        private ImmutableArray<EnvironmentVariable> Environment(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "environment");
            var result = ImmutableArray.CreateBuilder<EnvironmentVariable>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeMapping mapping:
                    foreach (var variable in mapping.Entries)
                    {
                        var itemPath = ComposePath.Join(path, variable.Key.Value);
                        var value = variable.Value switch
                        {
                            ComposeScalar { Type: ScalarType.Null } => null,
                            ComposeScalar scalar => scalar.Value,
                            _ => InvalidTypeNull(variable.Value, itemPath, "a single value"),
                        };
                        result.Add(new EnvironmentVariable(variable.Key.Value, value, variable.Key.Location, itemPath));
                    }

                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        var itemPath = ComposePath.Index(path, i);
                        if (Scalar(sequence.Items[i], itemPath) is not { } text)
                        {
                            continue;
                        }

                        var equals = text.IndexOf('=', StringComparison.Ordinal);
                        var name = equals < 0 ? text : text[..equals];
                        if (name.Length == 0)
                        {
                            Add(ComposeProblemCodes.InvalidValue, sequence.Items[i], itemPath, text, $"The environment entry '{text}' has no variable name.", "Write NAME=value, or NAME alone to pass it through from the host.");
                            continue;
                        }

                        result.Add(new EnvironmentVariable(name, equals < 0 ? null : text[(equals + 1)..], sequence.Items[i].Location, itemPath));
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a mapping (NAME: value) or a list (- NAME=value)");
                    break;
            }

            return result.ToImmutable();
        }

        private ImmutableArray<ServiceDependency> DependsOn(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "depends_on");
            var result = ImmutableArray.CreateBuilder<ServiceDependency>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        if (Scalar(sequence.Items[i], ComposePath.Index(path, i)) is { } name)
                        {
                            result.Add(new ServiceDependency(name, DependencyCondition.ServiceStarted, sequence.Items[i].Location, ComposePath.Index(path, i)));
                        }
                    }

                    break;
                case ComposeMapping mapping:
                    foreach (var dependency in mapping.Entries)
                    {
                        var itemPath = ComposePath.Join(path, dependency.Key.Value);
                        var condition = DependencyCondition.ServiceStarted;
                        bool? required = null;
                        bool? restart = null;
                        if (dependency.Value is ComposeMapping details)
                        {
                            condition = Condition(details.Find("condition"), itemPath);
                            required = Boolean(details.Find("required"), itemPath);
                            restart = Boolean(details.Find("restart"), itemPath);
                        }
                        else if (dependency.Value is not ComposeScalar { Type: ScalarType.Null })
                        {
                            InvalidType(dependency.Value, itemPath, "a mapping with condition: service_started|service_healthy|service_completed_successfully");
                        }

                        result.Add(new ServiceDependency(dependency.Key.Value, condition, dependency.Key.Location, itemPath)
                        {
                            Required = required ?? true,
                            Restart = restart ?? false,
                        });
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a list of service names or a mapping of service names to conditions");
                    break;
            }

            return result.ToImmutable();
        }

        private DependencyCondition Condition(ComposeEntry? entry, string parent)
        {
            if (entry is null)
            {
                return DependencyCondition.ServiceStarted;
            }

            var path = ComposePath.Join(parent, "condition");
            switch (Scalar(entry.Value, path))
            {
                case null or "service_started":
                    return DependencyCondition.ServiceStarted;
                case "service_healthy":
                    return DependencyCondition.ServiceHealthy;
                case "service_completed_successfully":
                    return DependencyCondition.ServiceCompletedSuccessfully;
                case var other:
                    Add(ComposeProblemCodes.InvalidValue, entry.Value, path, other, $"'{other}' is not a depends_on condition.", "Use service_started, service_healthy or service_completed_successfully.");
                    return DependencyCondition.ServiceStarted;
            }
        }

        /// <summary>A YAML boolean, or the strings true/false that interpolation leaves; a problem for anything else.</summary>
        private bool? Boolean(ComposeEntry? entry, string parent)
        {
            if (entry is null)
            {
                return null;
            }

            var path = ComposePath.Join(parent, entry.Key.Value);
            if (entry.Value is ComposeScalar { Type: ScalarType.Boolean or ScalarType.String } scalar)
            {
                if (bool.TryParse(scalar.Value, out var value))
                {
                    return value;
                }

                if (scalar.Type == ScalarType.String && ComposeTemplate.HasVariables(scalar.Value))
                {
                    return null;
                }
            }

            Add(ComposeProblemCodes.InvalidType, entry.Value, path, (entry.Value as ComposeScalar)?.Value, $"{entry.Key.Value} must be true or false.", $"Write {entry.Key.Value}: true or {entry.Key.Value}: false.");
            return null;
        }

        private ImmutableArray<EnvFileReference> EnvFiles(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "env_file");
            var result = ImmutableArray.CreateBuilder<EnvFileReference>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeScalar scalar:
                    result.Add(new EnvFileReference(scalar.Value, true, scalar.Location, path));
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        var itemPath = ComposePath.Index(path, i);
                        var item = sequence.Items[i];
                        if (item is ComposeMapping details)
                        {
                            if (details.Find("path") is not { } pathEntry || Scalar(pathEntry.Value, ComposePath.Join(itemPath, "path")) is not { } file)
                            {
                                Add(ComposeProblemCodes.InvalidValue, item, itemPath, null, "An env_file entry in long form needs a 'path'.", "Write '- path: ./app.env'.");
                                continue;
                            }

                            result.Add(new EnvFileReference(file, Boolean(details.Find("required"), itemPath) ?? true, item.Location, itemPath)
                            {
                                Format = Text(details, "format", itemPath),
                            });
                        }
                        else if (Scalar(item, itemPath) is { } file)
                        {
                            result.Add(new EnvFileReference(file, true, item.Location, itemPath));
                        }
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a file name or a list of files");
                    break;
            }

            return result.ToImmutable();
        }

        private ImmutableArray<string> Networks(ComposeEntry? entry, string parent)
        {
            var path = ComposePath.Join(parent, "networks");
            var result = ImmutableArray.CreateBuilder<string>();
            switch (entry?.Value)
            {
                case null or ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        if (Scalar(sequence.Items[i], ComposePath.Index(path, i)) is { } name)
                        {
                            result.Add(name);
                        }
                    }

                    break;
                case ComposeMapping mapping:
                    foreach (var network in mapping.Entries)
                    {
                        if (network.Value is not (ComposeMapping or ComposeScalar { Type: ScalarType.Null }))
                        {
                            InvalidType(network.Value, ComposePath.Join(path, network.Key.Value), "a mapping (aliases, ipv4_address...) or nothing");
                        }

                        result.Add(network.Key.Value);
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a list of network names or a mapping");
                    break;
            }

            return result.ToImmutable();
        }

        private ImmutableArray<ServiceFileReference> FileReferences(ComposeEntry? entry, string parent)
        {
            if (entry is null)
            {
                return [];
            }

            var path = ComposePath.Join(parent, entry.Key.Value);
            var result = ImmutableArray.CreateBuilder<ServiceFileReference>();
            switch (entry.Value)
            {
                case ComposeScalar { Type: ScalarType.Null }:
                    break;
                case ComposeSequence sequence:
                    for (var i = 0; i < sequence.Items.Length; i++)
                    {
                        var itemPath = ComposePath.Index(path, i);
                        var item = sequence.Items[i];
                        if (item is ComposeMapping details)
                        {
                            if (Text(details, "source", itemPath) is not { } source)
                            {
                                Add(ComposeProblemCodes.InvalidValue, item, itemPath, null, $"A {entry.Key.Value} entry in long form needs a 'source'.", "Write '- source: name' (and optionally target, uid, gid, mode).");
                                continue;
                            }

                            result.Add(new ServiceFileReference(source, Text(details, "target", itemPath), item.Location, itemPath)
                            {
                                Uid = Text(details, "uid", itemPath),
                                Gid = Text(details, "gid", itemPath),
                                Mode = Text(details, "mode", itemPath),
                            });
                        }
                        else if (Scalar(item, itemPath) is { } source)
                        {
                            result.Add(new ServiceFileReference(source, null, item.Location, itemPath));
                        }
                    }

                    break;
                default:
                    InvalidType(entry.Value, path, "a list of names or long entries");
                    break;
            }

            return result.ToImmutable();
        }

        public void InvalidType(ComposeNode node, string path, string expected)
        {
            var found = node switch
            {
                ComposeMapping => "a mapping",
                ComposeSequence => "a list",
                ComposeScalar { Type: ScalarType.Null } => "nothing",
                _ => "a single value",
            };
            Add(ComposeProblemCodes.InvalidType, node, path, (node as ComposeScalar)?.Value, $"{path} must be {expected}, not {found}.", $"Write {path} as {expected}.");
        }

        private string? InvalidTypeNull(ComposeNode node, string path, string expected)
        {
            InvalidType(node, path, expected);
            return null;
        }

        private void Add(string code, ComposeNode node, string path, string? value, string message, string fix) =>
            Problems.Add(new ComposeProblem(code, node.Location, path, value, message, fix));
    }
}
