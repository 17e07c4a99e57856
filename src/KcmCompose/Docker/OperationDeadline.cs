namespace KcmCompose.Docker;

/// <summary>
/// The caller's token joined with one time limit, measured on the injected clock from the moment it is made;
/// one deadline is shared by every step of an operation (connecting, planning, acting), so the limit bounds the whole.
/// </summary>
internal sealed class OperationDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public OperationDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Timeout = timeout;
        CallerToken = cancellationToken;
        _timer = new CancellationTokenSource(timeout, timeProvider);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
    }

    /// <summary>The limit this deadline was made with.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the caller cancels or the limit passes.</summary>
    public CancellationToken Token => _linked.Token;

    /// <summary>The caller's own token: cancelled only when the caller gave up.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>The limit passed (and the caller did not cancel first).</summary>
    public bool Expired => _timer.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
