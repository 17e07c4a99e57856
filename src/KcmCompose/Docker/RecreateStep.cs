namespace KcmCompose.Docker;

/// <summary>The steps of a recreate after which the process may die; tests stop there through <see cref="UpdateOptions.AfterRecreateStep"/>.</summary>
internal enum RecreateStep
{
    /// <summary>The old container carries its aside name; no container has the service's name.</summary>
    RenamedAside,

    /// <summary>The new container exists under the service's name, not started; the old one still runs aside.</summary>
    Created,

    /// <summary>The old container (aside) is stopped; the new one is not started: nothing runs.</summary>
    StoppedOld,

    /// <summary>The new container was started, not yet proven; the old one is stopped aside.</summary>
    Started,
}
