namespace KcmCompose.Compose;

/// <summary>One key and its value in a <see cref="ComposeMapping"/>.</summary>
/// <param name="Key">The key; its <see cref="ComposeNode.Location"/> is where diagnostics about the entry point.</param>
/// <param name="Value">The value.</param>
public sealed record ComposeEntry(ComposeScalar Key, ComposeNode Value);
