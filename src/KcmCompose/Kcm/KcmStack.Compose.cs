using KcmCompose.Compose;

namespace KcmCompose.Kcm;

public sealed partial record KcmStack
{
    /// <summary>
    /// The compose document of this stack: literal values escaped (<c>$</c> as <c>$$</c>), interpolated values verbatim,
    /// keys in the order dclint expects, nothing Compose v1 rejects (no <c>name</c>, no <c>version</c>, short port syntax).
    /// </summary>
    /// <param name="file">The label the document carries (the path it will be written to, if known).</param>
    /// <exception cref="KcmStackException">The stack is invalid (see <see cref="Validate"/>).</exception>
    public ComposeDocument ToComposeDocument(string file = ComposeDocument.StringLabel)
    {
        ThrowIfInvalid();
        return new ComposeDocument(KcmComposeMapper.ToMapping(this), file);
    }

    /// <summary>The compose file text of this stack (<see cref="ToComposeDocument"/> written by <see cref="ComposeEmitter"/>); deterministic.</summary>
    /// <exception cref="KcmStackException">The stack is invalid (see <see cref="Validate"/>).</exception>
    public string ToYaml() => ComposeEmitter.Emit(ToComposeDocument());
}
