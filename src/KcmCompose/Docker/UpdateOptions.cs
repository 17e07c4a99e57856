namespace KcmCompose.Docker;

/// <summary>Limits and choices for <see cref="ServiceDeployment"/>.</summary>
public sealed record UpdateOptions
{
    /// <summary>The most one operation may take, waiting included. Defaults to 60 seconds; more than zero.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping container gets before it is killed. Defaults to 10 seconds; zero or more.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a container without a healthcheck must keep running to count as started (a proxy with a bad
    /// configuration exits within milliseconds). Defaults to 1 second; zero or more.
    /// </summary>
    public TimeSpan StartupGracePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the container's state is read while waiting. Defaults to 100 milliseconds.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many of a failed container's last log lines are kept in the result. Defaults to 20; 0 or more.</summary>
    public int LogLines { get; init; } = 20;

    /// <summary>When a reload is asked for but cannot be done (container stopped, or it died on the signal), restart instead. Defaults to false.</summary>
    public bool FallBackToRestart { get; init; }

    /// <summary>Only plan: report the differences and the action, change nothing. Defaults to false.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// The value for <c>com.docker.compose.config-hash</c> on a recreated container, so that a later
    /// <c>docker compose up -d</c> sees it up to date. <see langword="null"/> (the default) asks the Compose that
    /// created the container (<c>config --hash</c>); if that fails the old label is kept, and Compose will recreate it once more.
    /// </summary>
    public string? ConfigHash { get; init; }

    /// <summary>Receives one line per step. Defaults to none.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>The clock for timeouts and waiting. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Called after each step of a recreate; tests throw from it to leave the state a killed process leaves.</summary>
    internal Action<RecreateStep>? AfterRecreateStep { get; init; }
}
