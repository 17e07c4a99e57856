namespace KcmCompose.Certificates;

/// <summary>The state of an issued certificate as the CA's index records it, judged at the time of listing.</summary>
public enum CertificateStatus
{
    /// <summary>Within its validity period and not revoked.</summary>
    Valid,

    /// <summary>Past its end date.</summary>
    Expired,

    /// <summary>Revoked by the CA; appears in the next CRL.</summary>
    Revoked,
}
