namespace KcmCompose.Certificates;

/// <summary>Whether nginx could load a file given to <c>ssl_client_certificate</c>, and if not, why.</summary>
public enum CaFileStatus
{
    /// <summary>nginx loads it: well-formed PEM holding at least one certificate.</summary>
    Loadable,

    /// <summary>No file at the path.</summary>
    Missing,

    /// <summary>Something is at the path but it cannot be read as a file: a folder, a FIFO, a socket, a device, a symlink loop, permission or I/O error, or too large.</summary>
    Unreadable,

    /// <summary>Read, but nginx refuses it at start: empty, DER, garbage, a malformed or truncated PEM block, or no certificate.</summary>
    NotPem,
}
