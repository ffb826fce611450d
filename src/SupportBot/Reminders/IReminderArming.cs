namespace SupportBot.Reminders;

/// <summary>
/// Turns at moving the tickets' one wake-up trigger. Arming reads (the earliest wake-up, or where the trigger stands)
/// and then writes the trigger; two armings interleaved could set it later than a wake-up one of them saw, and that
/// wake-up would wait for the next one. One process takes turns in memory; instances sharing a database take them
/// in the database (PgReminderArming), since any of them may move the trigger.
/// </summary>
internal interface IReminderArming
{
    /// <summary>
    /// Whether other instances move the same trigger: then where it stands is read from the scheduler's store on every
    /// arming, never from what this instance last set.
    /// </summary>
    bool Shared { get; }

    /// <summary>Waits for this instance's turn; disposing the result ends it.</summary>
    Task<IAsyncDisposable> TakeTurnAsync(CancellationToken cancellationToken);
}

/// <summary>Turns within one process: the only instance that arms (LiteDB, the scheduler in memory).</summary>
internal sealed class LocalReminderArming : IReminderArming, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public bool Shared => false;

    public async Task<IAsyncDisposable> TakeTurnAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IAsyncDisposable
    {
        private int _ended;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
