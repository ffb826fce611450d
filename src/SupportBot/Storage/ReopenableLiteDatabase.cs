using LiteDB;
using LiteDB.Engine;

namespace SupportBot.Storage;

/// <summary>
/// The process's one <see cref="ILiteDatabase"/>, able to close and open its file again
/// (<see cref="ReopenableLiteEngine"/>). The commit queue reopens it after a failed write, so the app recovers from a
/// full disk without a restart; the idle trim reopens it after a busy spell, so the engine's page cache goes back to
/// the operating system.
/// </summary>
/// <remarks>
/// The reopen happens beneath the collections: a collection or a query's reader made before it keeps working after it.
/// </remarks>
internal sealed class ReopenableLiteDatabase : LiteDatabase
{
    private readonly ReopenableLiteEngine _engine;

    /// <param name="open">Opens the file: the engine, and the streams it runs on when the caller opened them.</param>
    /// <param name="mapper">How documents map to the app's types (<see cref="SupportBotBsonMapper"/>).</param>
    /// <param name="closed">Called once the file is closed for good (<see cref="LiteDatabase.Dispose()"/>).</param>
    public ReopenableLiteDatabase(Func<LiteFileOpening> open, BsonMapper mapper, Action? closed = null)
        : this(new ReopenableLiteEngine(open, closed), mapper)
    {
    }

    /// <summary>An engine that opens on its own (a file name), for a test that injects faults into it.</summary>
    public ReopenableLiteDatabase(Func<ILiteEngine> open, BsonMapper mapper)
        : this(() => new LiteFileOpening(open()), mapper)
    {
    }

    private ReopenableLiteDatabase(ReopenableLiteEngine engine, BsonMapper mapper)
        : base(engine, mapper)
    {
        _engine = engine;
    }

    /// <summary>Closes the engine and opens the file again once no call is inside; false if one stayed for <paramref name="drain"/>.</summary>
    public bool Reopen(TimeSpan drain) => _engine.Reopen(drain);
}
