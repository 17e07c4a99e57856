using KcmCompose.Compose;

namespace KcmCompose.Kcm;

public sealed partial record KcmStack
{
    /// <summary>
    /// The compose document of this stack: literal values escaped (<c>$</c> as <c>$$</c>), interpolated values verbatim,
    /// keys in the order dclint expects, nothing Compose v1 rejects (no <c>name</c>, no <c>version</c>, short port syntax).
    /// </summary>
    /// <exception cref="KcmStackException">The stack is invalid (see <see cref="Validate"/>).</exception>
    public ComposeMapping ToComposeMapping()
    {
        ThrowIfInvalid();
        return KcmComposeMapper.ToMapping(this);
    }
}
