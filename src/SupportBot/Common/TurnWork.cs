namespace SupportBot.Common;

/// <summary>
/// Everything one turn changes, held until the turn ends and then committed in one database transaction (or not
/// at all): the conversation's state, tickets created or changed, outbox rows, idempotency records. Stores see
/// <see cref="Current"/> and add their writes to it instead of committing; code that must only run once the writes
/// are durable (telling the reminders, waking the outbox) registers it with <see cref="AfterCommit"/>.
/// </summary>
/// <remarks>Ambient (an <see cref="AsyncLocal{T}"/>) so that no feature has to pass a transaction around.</remarks>
internal sealed class TurnWork
{
    private static readonly AsyncLocal<TurnWork?> Ambient = new();
    private readonly List<Action> _writes = [];
    private readonly List<Action> _afterCommit = [];
    private readonly List<Action> _atEnd = [];
    private readonly List<Action> _onRollback = [];

    /// <summary>The unit of the turn running on this call path, or null outside a turn (jobs, start-up, tests).</summary>
    public static TurnWork? Current => Ambient.Value;

    /// <summary>Per-store scratch (the state a store already changed in this turn), keyed by the store.</summary>
    public Dictionary<object, object> Items { get; } = [];

    public IReadOnlyList<Action> Writes => _writes;

    /// <summary>Makes <paramref name="work"/> the current unit until the returned scope is disposed.</summary>
    public static IDisposable Enter(TurnWork? work)
    {
        var previous = Ambient.Value;
        Ambient.Value = work;
        return new Scope(previous);
    }

    /// <summary>A write to run inside the turn's transaction, on the database's writer thread.</summary>
    public void Write(Action write) => _writes.Add(write);

    /// <summary>Runs once the turn's transaction has committed; never when it rolled back.</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Runs when the turn is over, committed or not (releasing what the turn held).</summary>
    public void AtEnd(Action action) => _atEnd.Add(action);

    /// <summary>Runs when the turn's writes did not commit (the turn failed, or its commit did): gives back what it took.</summary>
    public void OnRollback(Action action) => _onRollback.Add(action);

    public void RolledBack()
    {
        foreach (var action in _onRollback)
        {
            action();
        }
    }

    public void Committed()
    {
        foreach (var action in _afterCommit)
        {
            action();
        }
    }

    public void Ended()
    {
        foreach (var action in _atEnd)
        {
            action();
        }

        _atEnd.Clear();
    }

    private sealed class Scope(TurnWork? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
