namespace KcmCompose.IO;

/// <summary>What a file read through <see cref="InputFile"/> is meant to be; each kind has one size limit.</summary>
internal enum InputFileKind
{
    /// <summary>A compose file: 4 MiB.</summary>
    Compose,

    /// <summary>A <c>.env</c>, <c>--env-file</c> or <c>env_file</c>: 1 MiB.</summary>
    Env,

    /// <summary>Text for <c>ADDITIONAL_NGINX_CONFIG</c>: 1 MiB.</summary>
    NginxConfig,

    /// <summary>A passphrase file: 4 KiB.</summary>
    Passphrase,

    /// <summary>A certificate, CA bundle, private key, CSR or .pfx: 4 MiB.</summary>
    Certificate,

    /// <summary>A CA bundle or certificate file checked by the validator and check-client: 64 MiB.</summary>
    CaBundle,

    /// <summary>A CA folder's <c>index.json</c>: 64 MiB.</summary>
    CaIndex,

    /// <summary>A file bind-mounted into a container, compared with the container's copy: 16 MiB.</summary>
    MountedFile,
}
