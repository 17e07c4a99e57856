namespace KcmCompose.Compose;

/// <summary>One <c>depends_on</c> entry.</summary>
/// <param name="Service">The service depended on.</param>
/// <param name="Condition">When it counts as ready; <see cref="DependencyCondition.ServiceStarted"/> in list form.</param>
/// <param name="Location">Where the entry is.</param>
/// <param name="Path">The compose path, such as <c>services.ssl.depends_on.guacamole</c>.</param>
internal sealed record ServiceDependency(string Service, DependencyCondition Condition, SourceLocation? Location, string Path)
{
    /// <summary><c>required</c>; true unless written false.</summary>
    public bool Required { get; init; } = true;

    /// <summary><c>restart</c>; false unless written true.</summary>
    public bool Restart { get; init; }
}
