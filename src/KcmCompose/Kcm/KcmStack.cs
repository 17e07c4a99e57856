using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>
/// A Keeper Connection Manager stack: proxy, guacd, Guacamole and database, plus whatever else the compose file holds.
/// Build one with <see cref="KcmStackBuilder"/>, read one with <c>KcmStackReader</c>, write one with
/// <see cref="ToComposeDocument"/>. Values are literal (what the containers see).
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A KCM stack is the domain term (the set of KCM services), not a collection.")]
public sealed partial record KcmStack
{
    /// <summary>Whether <c>ACCEPT_EULA: 'Y'</c> is written on every KCM service (required by the images). Defaults to true.</summary>
    public bool AcceptEula { get; init; } = true;

    /// <summary>The TLS proxy.</summary>
    public required KcmProxy Proxy { get; init; }

    /// <summary>The Guacamole proxy daemon.</summary>
    public required KcmGuacd Guacd { get; init; }

    /// <summary>The web application.</summary>
    public required KcmGuacamole Guacamole { get; init; }

    /// <summary>The database.</summary>
    public required KcmDatabase Database { get; init; }

    /// <summary>
    /// The named volume mounted at <c>/var/lib/guacamole</c> in both guacd and Guacamole and declared under top-level
    /// <c>volumes</c>. The builder uses <c>kcm-guacamole</c>; <see langword="null"/> writes none.
    /// </summary>
    public string? GuacamoleVolume { get; init; }

    /// <summary>Services that are not part of KCM, kept verbatim. Defaults to none.</summary>
    public ComposeMapping OtherServices { get; init; } = ComposeMapping.Empty;

    /// <summary>Top-level keys besides <c>services</c> (<c>volumes</c>, <c>networks</c>, <c>x-*</c>, ...), kept verbatim. Defaults to none.</summary>
    public ComposeMapping OtherTopLevel { get; init; } = ComposeMapping.Empty;

    /// <summary>The four KCM services in the order they are written (alphabetical by default names).</summary>
    public IEnumerable<KcmService> Services => [Database, Guacamole, Guacd, Proxy];

    /// <summary>Every reason this stack cannot be written, all at once; empty when it is valid.</summary>
    public ImmutableArray<ComposeProblem> Validate() => KcmStackValidator.Validate(this);

    /// <summary>Throws <see cref="KcmStackException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (!errors.IsEmpty)
        {
            throw new KcmStackException(errors);
        }
    }
}
