using System.Reflection;
using KcmCompose.Compose;

namespace KcmCompose.Tests.Conventions;

/// <summary>
/// The public API is a promise: a type is public only because a library user needs it. Every public type is listed
/// here with the reason, so making a type public (or internal) takes a deliberate edit of this list.
/// </summary>
public class PublicApiConventionTests
{
    /// <summary>Public types of KcmCompose, by name without the <c>KcmCompose.</c> prefix, and why a user needs each.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Certificates.CaCreationOptions"] = "users create a CA with it",
        ["Certificates.RevocationList"] = "users read a CA's revoked serials (index or CRL) to enforce them",
        ["Certificates.RevokedCertificate"] = "users read one revoked serial and when it was revoked",
        ["Kcm.RevocationDenyList"] = "users render and merge the proxy's deny list of revoked serials",
        ["Validation.ClientCertificateCheckJson"] = "users log check-client's verdict in the CLI's JSON shape",
        ["Validation.ClientRevocationCheck"] = "users ask whether a client is revoked and whether the proxy refuses it",
        ["Validation.ClientRevocationResult"] = "users read the revocation verdict for a client",
        ["Certificates.CaCreationResult"] = "users read what creating a CA wrote",
        ["Certificates.CaFile"] = "users check a CA file as nginx loads it",
        ["Certificates.CaFileAnalysis"] = "users read what a CA file check found",
        ["Certificates.CaFileStatus"] = "users read whether nginx can load a CA file",
        ["Certificates.CaRepairResult"] = "users read what a CA repair put right",
        ["Certificates.CertificateAuthority"] = "users run the client-certificate CA with it",
        ["Certificates.CertificateChain"] = "users pass a client chain to the certificate check",
        ["Certificates.CertificateChainElement"] = "users read the certificates of a checked chain",
        ["Certificates.CertificateStatus"] = "users read an issued certificate's state",
        ["Certificates.CertificateSubject"] = "users name a CA or client with it",
        ["Certificates.ClientCertificateCheck"] = "users ask whether nginx would accept a client certificate",
        ["Certificates.ClientCertificateCheckError"] = "users read why nginx would refuse a certificate",
        ["Certificates.ClientCertificateCheckErrors"] = "users map a refusal to its stable code",
        ["Certificates.ClientCertificateCheckMode"] = "users tell the check which ssl_verify_client applies",
        ["Certificates.ClientCertificateCheckResult"] = "users read the certificate check's verdict",
        ["Certificates.ClientIssueOptions"] = "users issue a client certificate with it",
        ["Certificates.ClientIssueResult"] = "users read what issuing a client wrote",
        ["Certificates.ClientRenewOptions"] = "users renew a client certificate with it",
        ["Certificates.ClientRequest"] = "users get a new key and CSR as PEM",
        ["Certificates.ClientRequestFiles"] = "users read where a new key and CSR were written",
        ["Certificates.CrlOptions"] = "users write a CRL with it",
        ["Certificates.CrlResult"] = "users read what writing a CRL wrote",
        ["Certificates.IssuedCertificate"] = "users list what the CA issued",
        ["Certificates.KeyAlgorithm"] = "users choose the key type",
        ["Certificates.Passphrases"] = "users load or generate passphrases as the CLI does",
        ["Certificates.PfxFormat"] = "users choose how a .pfx is protected",
        ["Certificates.PkiException"] = "users catch refused PKI operations",
        ["Certificates.RequestSigningOptions"] = "users sign a CSR made elsewhere with it",
        ["Certificates.SignedRequestResult"] = "users read what signing a CSR wrote",
        ["Certificates.ValidityOverrun"] = "users choose what happens when validity outlives the CA",
        ["Compose.ComposeDocument"] = "users load and parse compose files",
        ["Compose.ComposeEditResult"] = "users read what an in-place edit did",
        ["Compose.ComposeEditStatus"] = "users read whether an edit changed, skipped or refused",
        ["Compose.ComposeEmitter"] = "users write a document back as YAML",
        ["Compose.ComposeEntry"] = "users walk a mapping's entries",
        ["Compose.ComposeEnvironment"] = "users load the variables Compose would use",
        ["Compose.ComposeFileEditOptions"] = "users choose backup, dry run and race checks of an edit",
        ["Compose.ComposeInterpolator"] = "users interpolate a document as Compose does",
        ["Compose.ComposeLoadException"] = "users catch unreadable compose files",
        ["Compose.ComposeMapping"] = "users read and change a document's mappings",
        ["Compose.ComposeNode"] = "users walk a document's tree",
        ["Compose.ComposeProblem"] = "users read problems found without throwing",
        ["Compose.ComposeProject"] = "users find and load the compose files as docker compose does",
        ["Compose.ComposeScalar"] = "users read and write scalar values",
        ["Compose.ComposeSequence"] = "users read and write lists",
        ["Compose.ComposeText"] = "users escape literals and write placeholders",
        ["Compose.InterpolationResult"] = "users read what interpolation produced",
        ["Compose.ScalarStyle"] = "users see how a scalar was written",
        ["Compose.ScalarType"] = "users see what a scalar means to Compose",
        ["Compose.SourceLocation"] = "users see where a node or problem is",
        ["Docker.ApplyAction"] = "users read which action apply took or would take",
        ["Docker.ConfigurationAspect"] = "users read which part of the container differs",
        ["Docker.ConfigurationDifference"] = "users read how the container differs from the file",
        ["Docker.DockerEndpoint"] = "users say which daemon to use",
        ["Docker.DockerException"] = "users catch Docker failures they can act on",
        ["Docker.DockerFailure"] = "users tell Docker failures apart",
        ["Docker.ServiceDeployment"] = "users apply and restart the proxy with it",
        ["Docker.ServiceDeploymentRequest"] = "users say which file, service and daemon to deploy",
        ["Docker.ServiceTarget"] = "users read which project and service was acted on",
        ["Docker.SwarmDeployment"] = "users roll a changed CA, key or environment out to a Swarm stack with it",
        ["Docker.UpdateOptions"] = "users set timeouts, dry run and progress of a deployment",
        ["Docker.UpdateOutcome"] = "users read how a deployment ended",
        ["Docker.UpdateResult"] = "users read what a deployment did",
        ["Kcm.ClientAuthentication"] = "users configure client-certificate auth on the proxy",
        ["Kcm.ClientAuthenticationEditor"] = "users turn client auth on or off in an existing file",
        ["Kcm.ContainerPath"] = "users name paths inside containers",
        ["Kcm.DatabaseKind"] = "users choose the database image",
        ["Kcm.EnvironmentEntry"] = "users add environment the model does not interpret",
        ["Kcm.EnvironmentValue"] = "users set literal or placeholder values",
        ["Kcm.EnvironmentValueKind"] = "users see how a value is written",
        ["Kcm.ExistingCertificateTls"] = "users supply their own server certificate",
        ["Kcm.Hostname"] = "users set validated host names",
        ["Kcm.KcmDatabase"] = "users read and change the database service",
        ["Kcm.KcmGuacamole"] = "users read and change the Guacamole service",
        ["Kcm.KcmGuacd"] = "users read and change the guacd service",
        ["Kcm.KcmImages"] = "users recognise KCM images and pick the tag",
        ["Kcm.KcmProxy"] = "users read and change the proxy service",
        ["Kcm.KcmReadResult"] = "users read what the stack reader found",
        ["Kcm.KcmServer"] = "users add and read the proxy's further nginx servers (SERVERS)",
        ["Kcm.KcmService"] = "users handle the four services alike",
        ["Kcm.KcmServiceRole"] = "users say which service a builder setting is for",
        ["Kcm.KcmStack"] = "users build stacks with it",
        ["Kcm.KcmStackBuilder"] = "users build stacks with KCM's defaults",
        ["Kcm.KcmTarget"] = "users choose a Compose file or a Swarm stack file",
        ["Kcm.KcmSwarmOptions"] = "users set the Swarm-only settings of a stack file (replicas, network, name prefix)",
        ["Kcm.KcmSwarmNetwork"] = "users choose an overlay network or the host network on Swarm",
        ["Kcm.SwarmObjectName"] = "users and the Swarm apply path name configs and secrets after their content",
        ["Kcm.KcmStackException"] = "users catch stacks that cannot be written",
        ["Kcm.KcmStackReader"] = "users read a compose file as a KCM stack",
        ["Kcm.KcmVariables"] = "users name the variables the KCM images read",
        ["Kcm.IKcmSecretSource"] = "deployment pipelines supply the stack's secrets from their own store",
        ["Kcm.KcmEnvFile"] = "users write the .env the stack reads its secrets from",
        ["Kcm.KcmEnvFileResult"] = "users see what the .env step added or kept",
        ["Kcm.KcmInitializer"] = "users run the whole guide (init) in one call",
        ["Kcm.KcmInitOptions"] = "users choose what init sets up",
        ["Kcm.KcmInitResult"] = "users find the files init wrote",
        ["Kcm.KcmInitClient"] = "users find each client's .pfx and passphrase file",
        ["Kcm.KcmInitException"] = "users catch init's refusal of a folder in use",
        ["Kcm.LetsEncryptTls"] = "users choose Let's Encrypt",
        ["Kcm.PortBinding"] = "users publish the proxy's ports",
        ["Kcm.RestartPolicy"] = "users set a service's restart policy",
        ["Kcm.SelfSignedTls"] = "users choose a self-signed server certificate",
        ["Kcm.ServiceMount"] = "users add volumes to the proxy",
        ["Kcm.TlsMode"] = "users choose where the server certificate comes from",
        ["Kcm.VerifyClientMode"] = "users set ssl_verify_client",
        ["Kcm.VerifyClientModes"] = "users parse and write ssl_verify_client values",
        ["Validation.ClientCertificateCheckException"] = "users catch a certificate check that cannot run",
        ["Validation.ClientCertificateCheckRunner"] = "users check a certificate against a compose file",
        ["Validation.ComposeValidationException"] = "users catch an invalid file from ThrowIfInvalid and apply",
        ["Validation.ComposeValidator"] = "users validate compose files with it",
        ["Validation.ComposeValidatorOptions"] = "users set the clock, env file and limits of validation",
        ["Validation.Diagnostic"] = "users read each problem found",
        ["Validation.DiagnosticSeverity"] = "users filter problems by severity",
        ["Validation.SarifTool"] = "users name the tool in SARIF output",
        ["Validation.ValidationReport"] = "users read a validation's outcome",
        ["Validation.ValidationReportFormat"] = "users choose text, JSON or SARIF",
        ["Validation.ValidationReportWriter"] = "users print a report as the CLI does",
        ["Verification.ClientCertificateSource"] = "users give verify the client certificate",
        ["Verification.EndpointProbe"] = "users read each probe of a verification",
        ["Verification.EndpointVerificationException"] = "users catch a verification that cannot run",
        ["Verification.EndpointVerificationRequest"] = "users say what to verify and how",
        ["Verification.EndpointVerificationResult"] = "users read a verification's verdict",
        ["Verification.EndpointVerifier"] = "users verify a live endpoint enforces client certificates",
        ["Verification.ProbeOutcome"] = "users read how the endpoint answered a probe",
    };

    private static readonly string[] SuccessSynonyms = ["Passed", "Success", "Successful", "IsSuccess", "IsSuccessful", "Ok", "IsOk", "Succeed"];

    private static Assembly Library => typeof(ComposeDocument).Assembly;

    private static Type[] PublicTypes() => Library.GetExportedTypes();

    private static string NameOf(Type type) => type.FullName!["KcmCompose.".Length..];

    [Test]
    public void PublicTypes_AreAllInTheAllowlist()
    {
        var unlisted = PublicTypes().Select(NameOf).Where(n => !Allowed.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();

        unlisted.Should().BeEmpty(
            "a type is public only because a library user needs it: make it internal, or add it to the list with the reason a user needs it");
    }

    [Test]
    public void Allowlist_NamesOnlyPublicTypes()
    {
        var exported = PublicTypes().Select(NameOf).ToHashSet(StringComparer.Ordinal);

        var stale = Allowed.Keys.Where(n => !exported.Contains(n)).Order(StringComparer.Ordinal).ToList();

        stale.Should().BeEmpty("the list names exactly the public types; remove a type that became internal or was renamed");
    }

    [Test]
    public void Allowlist_GivesEveryTypeAReason()
    {
        Allowed.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).Should().BeEmpty();
    }

    [Test]
    public void PublicProperties_SaySucceededNeverASynonym()
    {
        var offenders = PublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(bool) && SuccessSynonyms.Contains(p.Name))
                .Select(p => $"{NameOf(t)}.{p.Name}"))
            .ToList();

        offenders.Should().BeEmpty("a result says whether it worked with one name, Succeeded");
    }

    [Test]
    public void PublicProperties_PluralNamesAreCollectionsAndCountsEndInCount()
    {
        // ValidationReport.Errors once was a number while ClientCertificateCheckResult.Errors and KcmStackException.Errors
        // were lists: a plural name is the items themselves, a number is XCount.
        var offenders = PublicTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(int) && p.Name is "Errors" or "Warnings" or "Infos" or "Problems" or "Diagnostics")
                .Select(p => $"{NameOf(t)}.{p.Name}"))
            .ToList();

        offenders.Should().BeEmpty();
    }
}
