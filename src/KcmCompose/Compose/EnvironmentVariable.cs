namespace KcmCompose.Compose;

/// <summary>One <c>environment</c> entry: <c>NAME=value</c>, <c>NAME: value</c>, or a bare <c>NAME</c> passed through from the host.</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">The value as text (numbers and booleans as written); <see langword="null"/> when passed through.</param>
/// <param name="Location">Where the entry is (its key in mapping form).</param>
/// <param name="Path">The compose path, such as <c>services.ssl.environment.SSL_VERIFY_DEPTH</c> or <c>services.ssl.environment[0]</c>.</param>
internal sealed record EnvironmentVariable(string Name, string? Value, SourceLocation? Location, string Path);
