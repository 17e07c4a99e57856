namespace KcmCompose.Validation;

/// <summary>Rows for revocation: does the proxy's deny list refuse what the client CA revoked.</summary>
internal static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor RevocationNotEnforced = new(
        "revocation-not-enforced", DiagnosticSeverity.Error, "The proxy admits client certificates its CA revoked.",
        "{0} revoked certificate(s) of the configured CA ({1}, per '{2}') are missing from the deny list in ADDITIONAL_NGINX_CONFIG of service '{3}', so nginx still admits them.",
        "Run 'kcm-compose client revoke NAME --ca-dir DIR --compose FILE --apply' (or write the list with RevocationDenyList.ApplyFileAsync) and recreate the proxy.");

    public static readonly DiagnosticDescriptor DenyListStale = new(
        "deny-list-stale", DiagnosticSeverity.Warning, "The deny list names serials the CA never issued.",
        "The deny list of service '{0}' refuses serial(s) {1}, which the CA in '{2}' never issued: a typo, or the list of another CA.",
        "Rewrite the list from the CA with 'kcm-compose client revoke' (or RevocationDenyList.ApplyFileAsync), or remove those lines.");

    static partial void AddRevocationDescriptors(ICollection<DiagnosticDescriptor> descriptors)
    {
        descriptors.Add(RevocationNotEnforced);
        descriptors.Add(DenyListStale);
    }
}
