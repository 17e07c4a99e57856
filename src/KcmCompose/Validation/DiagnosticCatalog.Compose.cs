namespace KcmCompose.Validation;

/// <summary>Rows for the compose-level checks (whole file, any service).</summary>
internal static partial class DiagnosticCatalog
{
    // Problems reported by the compose loader, interpolator and typed reader keep their own message and fix.
    public static readonly DiagnosticDescriptor YamlSyntax = new(
        "yaml-syntax", DiagnosticSeverity.Error, "The file is not valid YAML.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor InvalidEncoding = new(
        "invalid-encoding", DiagnosticSeverity.Error, "The file is not UTF-8 text.",
        "The file is not valid UTF-8 text (first bad byte at offset {0}).",
        "Save the file as UTF-8; Compose reads nothing else.");

    public static readonly DiagnosticDescriptor FileTooLarge = new(
        "file-too-large", DiagnosticSeverity.Error, "The file is too large to be a compose file.",
        "The file has {0} bytes, more than the {1} bytes this validator reads.",
        "Check that this is the compose file you meant; compose files are a few kilobytes.");

    public static readonly DiagnosticDescriptor InvalidType = new(
        "invalid-type", DiagnosticSeverity.Error, "A key has the wrong kind of value.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor InterpolationError = new(
        "interpolation-error", DiagnosticSeverity.Error, "A ${...} placeholder cannot be interpolated.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor RequiredVariable = new(
        "required-variable", DiagnosticSeverity.Error, "A ${VAR:?message} placeholder names a variable that is not set.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor VariableNotSet = new(
        "variable-not-set", DiagnosticSeverity.Warning, "A placeholder names a variable that is not set, so Compose uses an empty string.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor InvalidValue = new(
        "invalid-value", DiagnosticSeverity.Error, "A value is outside what Compose accepts.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor EnvFileInvalid = new(
        "env-file-invalid", DiagnosticSeverity.Error, "The env file used for interpolation cannot be read.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor EnvFileMissing = new(
        "env-file-missing", DiagnosticSeverity.Error, "A service's env_file does not exist.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor BindSourceMissing = new(
        "bind-source-missing", DiagnosticSeverity.Warning, "A bind mount's host path does not exist.",
        "The bind mount source '{0}' does not exist on this host ({1}); Docker would create an empty root-owned directory there.",
        "Create the file or folder at '{0}', or correct the path; apply refuses to recreate a container while it is missing.");

    public static readonly DiagnosticDescriptor SeccompProfileMissing = new(
        "seccomp-profile-missing", DiagnosticSeverity.Error, "A seccomp profile file does not exist.",
        "security_opt names the seccomp profile '{0}', which does not exist ({1}); the container will not start.",
        "Put the profile file at '{0}' (relative to the compose file), or use the default profile by removing the option.");

    public static readonly DiagnosticDescriptor InvalidPort = new(
        "invalid-port", DiagnosticSeverity.Error, "A port mapping is not valid.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor InvalidVolume = new(
        "invalid-volume", DiagnosticSeverity.Error, "A volume mount is not valid.", "{0}", "{1}");

    public static readonly DiagnosticDescriptor UnknownKey = new(
        "unknown-key", DiagnosticSeverity.Error, "A key is not part of the Compose specification.",
        "'{0}' is not a {1} key that Compose knows.",
        "{2}");

    public static readonly DiagnosticDescriptor InvalidRestart = new(
        "invalid-restart", DiagnosticSeverity.Error, "A restart policy is not one Compose knows.",
        "restart '{0}' is not one of no, always, on-failure[:N] or unless-stopped.",
        "Use one of no, always, on-failure, on-failure:N or unless-stopped, and quote \"no\".");

    public static readonly DiagnosticDescriptor UndefinedNetwork = new(
        "undefined-network", DiagnosticSeverity.Error, "A service uses a network the file does not define.",
        "Service '{0}' uses network '{1}', which the top-level networks section does not define.",
        "Add '{1}:' under the top-level 'networks:' key, or correct the name{2}.");

    public static readonly DiagnosticDescriptor UndefinedVolume = new(
        "undefined-volume", DiagnosticSeverity.Error, "A service mounts a named volume the file does not define.",
        "Service '{0}' mounts volume '{1}', which the top-level volumes section does not define.",
        "Add '{1}:' under the top-level 'volumes:' key, correct the name{2}, or write a path starting with ./ or / for a bind mount.");

    public static readonly DiagnosticDescriptor UndefinedSecret = new(
        "undefined-secret", DiagnosticSeverity.Error, "A service uses a secret the file does not define.",
        "Service '{0}' uses secret '{1}', which the top-level secrets section does not define.",
        "Add '{1}:' with a 'file:' under the top-level 'secrets:' key, or correct the name{2}.");

    public static readonly DiagnosticDescriptor UndefinedConfig = new(
        "undefined-config", DiagnosticSeverity.Error, "A service uses a config the file does not define.",
        "Service '{0}' uses config '{1}', which the top-level configs section does not define.",
        "Add '{1}:' with a 'file:' under the top-level 'configs:' key, or correct the name{2}.");

    public static readonly DiagnosticDescriptor DependsOnMissing = new(
        "depends-on-missing", DiagnosticSeverity.Error, "A service depends on a service that does not exist.",
        "Service '{0}' depends on '{1}', which is not a service in this file.",
        "{2}");

    public static readonly DiagnosticDescriptor DependsOnCycle = new(
        "depends-on-cycle", DiagnosticSeverity.Error, "Services depend on each other in a cycle.",
        "depends_on forms a cycle: {0}.",
        "Remove one depends_on entry of the cycle; Compose cannot decide which service to start first.");

    public static readonly DiagnosticDescriptor PortConflict = new(
        "port-conflict", DiagnosticSeverity.Error, "One host port is published twice.",
        "Host port {0} is already published at {1} ({2}).",
        "Publish a different host port, or remove one of the two mappings.");

    public static readonly DiagnosticDescriptor ImageMissing = new(
        "image-missing", DiagnosticSeverity.Error, "A service has neither image nor build.",
        "Service '{0}' has neither 'image' nor 'build', so Compose has nothing to run.",
        "Add 'image:' with the image to run, or 'build:' with the folder to build it from.");

    public static readonly DiagnosticDescriptor DuplicateContainerName = new(
        "duplicate-container-name", DiagnosticSeverity.Error, "Two services use the same container_name.",
        "container_name '{0}' is already used by service '{1}'.",
        "Give each service its own container_name, or remove container_name and let Compose name the containers.");

    public static readonly DiagnosticDescriptor VersionObsolete = new(
        "version-obsolete", DiagnosticSeverity.Info, "The top-level version key is obsolete.",
        "The top-level 'version' key is obsolete; Compose v2 ignores it.",
        "Remove the 'version' line.");

    public static readonly DiagnosticDescriptor Yaml11Boolean = new(
        "yaml11-boolean", DiagnosticSeverity.Warning, "An unquoted value is a boolean to YAML 1.1 readers.",
        "Unquoted '{0}' is read as the boolean {1} by YAML 1.1 readers such as docker-compose v1, but as text by Compose v2.",
        "Quote it: \"{0}\".");

    static partial void AddComposeDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        foreach (var d in new[]
        {
            YamlSyntax, InvalidEncoding, FileTooLarge, InvalidType, InterpolationError, RequiredVariable, VariableNotSet, InvalidValue,
            EnvFileInvalid, EnvFileMissing, BindSourceMissing, SeccompProfileMissing, InvalidPort,
            InvalidVolume, UnknownKey, InvalidRestart, UndefinedNetwork, UndefinedVolume, UndefinedSecret, UndefinedConfig,
            DependsOnMissing, DependsOnCycle, PortConflict, ImageMissing, DuplicateContainerName, VersionObsolete, Yaml11Boolean,
        })
        {
            descriptors.Add(d);
        }
    }
}
