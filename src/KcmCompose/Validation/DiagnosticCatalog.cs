namespace KcmCompose.Validation;

/// <summary>
/// The one message table: every diagnostic code, its severity, message and fix.
/// Rows are <see cref="DiagnosticDescriptor"/> fields declared in the partial files by concern
/// (<c>DiagnosticCatalog.Compose.cs</c>, <c>.Proxy.cs</c>, <c>.Certificates.cs</c>); each partial file
/// lists its rows by implementing one of the optional partial methods below, so <see cref="All"/> sees them.
/// </summary>
internal static partial class DiagnosticCatalog
{
    private static readonly Lazy<Dictionary<string, DiagnosticDescriptor>> _byCode = new(Build);

    /// <summary>Every descriptor, by code.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> All => _byCode.Value;

    /// <summary>The descriptor for <paramref name="code"/>, or <see langword="null"/>.</summary>
    public static DiagnosticDescriptor? Find(string code) => All.GetValueOrDefault(code);

    static partial void AddComposeDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddProxyDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddCertificateDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddKcmDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddClientDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddRevocationDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    static partial void AddSwarmDescriptors(ICollection<DiagnosticDescriptor> descriptors);

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var list = new List<DiagnosticDescriptor>();
        AddComposeDescriptors(list);
        AddProxyDescriptors(list);
        AddCertificateDescriptors(list);
        AddKcmDescriptors(list);
        AddClientDescriptors(list);
        AddRevocationDescriptors(list);
        AddSwarmDescriptors(list);
        return list.ToDictionary(d => d.Code, StringComparer.Ordinal);
    }
}
