namespace KcmCompose.Compose;

/// <summary>When a <c>depends_on</c> dependency counts as ready.</summary>
internal enum DependencyCondition
{
    /// <summary><c>service_started</c>, the default.</summary>
    ServiceStarted,

    /// <summary><c>service_healthy</c>.</summary>
    ServiceHealthy,

    /// <summary><c>service_completed_successfully</c>.</summary>
    ServiceCompletedSuccessfully,
}
