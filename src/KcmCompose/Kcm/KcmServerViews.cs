using System.Collections.Immutable;
using KcmCompose.Compose;

namespace KcmCompose.Kcm;

/// <summary>The servers of one proxy service (<see cref="KcmServerSettings.Read"/>) and the problems of its <c>SERVERS</c> text.</summary>
/// <param name="All">The top-level server first, then one per <c>SERVERS</c> entry.</param>
/// <param name="Problems">What is wrong with the text (<c>servers-invalid</c>, <c>server-setting-unknown</c>, <c>server-hostname-duplicate</c>).</param>
internal sealed record KcmServerViews(ImmutableArray<KcmServerView> All, ImmutableArray<ComposeProblem> Problems)
{
    /// <summary>The server answering for <paramref name="hostname"/> (letter case and a final dot ignored), or <see langword="null"/>.</summary>
    public KcmServerView? Find(string hostname) =>
        All.FirstOrDefault(s => string.Equals(s.Hostname?.TrimEnd('.'), hostname.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>The host names answered for, in order.</summary>
    public IEnumerable<string> Hostnames => All.Select(s => s.Hostname).OfType<string>();
}
