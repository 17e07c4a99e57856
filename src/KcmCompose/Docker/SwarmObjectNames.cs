using System.Security.Cryptography;
using KcmCompose.Kcm;

namespace KcmCompose.Docker;

/// <summary>
/// The one rule, on the apply side, for naming the Swarm configs and secrets of a stack: Swarm objects are immutable,
/// so new content gets a new name, <c>PREFIX-HASH</c>, where HASH is the first 12 hex digits of the content's SHA-256
/// (<see cref="SwarmObjectName"/>, the one rule the stack-file emitter writes into <c>name:</c> too). PREFIX is the top-level entry's <c>name:</c> without
/// its hash, else <c>STACK_KEY</c>, the name <c>docker stack deploy</c> gives an entry without <c>name:</c>.
/// </summary>
internal static class SwarmObjectNames
{
    /// <summary>The label <c>docker stack deploy</c> puts on every object of a stack.</summary>
    public const string StackNamespaceLabel = "com.docker.stack.namespace";

    /// <summary>The label this library puts on the configs and secrets it creates: the content's full SHA-256.</summary>
    public const string ContentHashLabel = "org.kcmcompose.content-sha256";

    /// <summary>The hex digits of the content hash that go into the name.</summary>
    public const int HashLength = SwarmObjectName.HashLength;

    /// <summary>The full lowercase SHA-256 of <paramref name="content"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary><c>STACK_NAME</c>: what <c>docker stack deploy</c> calls service or entry <paramref name="name"/> of <paramref name="stack"/>.</summary>
    public static string Scoped(string stack, string name) => $"{stack}_{name}";

    /// <summary>The prefix for top-level entry <paramref name="key"/>: its <paramref name="explicitName"/> without a content hash, else <c>STACK_KEY</c>.</summary>
    public static string Prefix(string stack, string key, string? explicitName) =>
        string.IsNullOrEmpty(explicitName) ? Scoped(stack, key)
        : HasContentHash(explicitName) ? explicitName[..^(HashLength + 1)]
        : explicitName;

    /// <summary>The versioned name of <paramref name="content"/>: <c>PREFIX-HASH</c>.</summary>
    public static string Versioned(string prefix, ReadOnlySpan<byte> content) => SwarmObjectName.For(prefix, content);

    /// <summary>Whether <paramref name="name"/> is a version of <paramref name="prefix"/>: the prefix itself or <c>PREFIX-HASH</c>.</summary>
    public static bool IsVersionOf(string name, string prefix) =>
        name == prefix || (name.Length == prefix.Length + 1 + HashLength && name.StartsWith(prefix + "-", StringComparison.Ordinal) && HasContentHash(name));

    private static bool HasContentHash(string name) => SwarmObjectName.HasContentHash(name);
}
