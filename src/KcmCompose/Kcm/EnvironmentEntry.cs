namespace KcmCompose.Kcm;

/// <summary>An environment variable the model does not interpret, kept and written as given (the escape hatch).</summary>
/// <param name="Name">The variable name.</param>
/// <param name="Value">Its value; <see langword="null"/> passes the variable through from the Compose environment.</param>
public sealed record EnvironmentEntry(string Name, EnvironmentValue? Value);
