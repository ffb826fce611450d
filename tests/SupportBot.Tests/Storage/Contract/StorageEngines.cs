using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SupportBot.BotFramework.State;
using SupportBot.Engineering;
using SupportBot.Storage;
using SupportBot.Storage.Postgres;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>One storage engine's stores over one fresh database, as the contract tests drive them.</summary>
internal interface IStorageUnderTest : IDisposable
{
    ICommitQueue Commits { get; }

    ITicketStore Tickets { get; }

    IStorage States { get; }

    IHandledActivities Handled { get; }

    ICardPostStore CardPosts { get; }

    IOutboxRows Outbox { get; }

    SupportBot.Knowledge.IDeflectionStore Deflections { get; }

    ITriageChannelStore TriageChannels { get; }

    SupportBot.Common.IJobTransactions Jobs { get; }

    SupportBot.Review.IReviewLedger ReviewLedger { get; }

    SupportBot.Reminders.IHeldNudges HeldNudges { get; }

    SupportBot.Reminders.IReminderWakeUps WakeUps { get; }

    ITicketFiles TicketFiles { get; }

    /// <summary>Where web chat uploads are read from (DirectLine:UploadDirectory).</summary>
    string UploadDirectory { get; }

    IConversationReferenceStore References { get; }

    SupportBot.Knowledge.IKnowledgeStore Knowledge { get; }

    /// <summary>What the knowledge store told the search index.</summary>
    HeardKnowledgeChanges KnowledgeListener { get; }

    /// <summary>The time the stores stamp rows with (outbox due and delivery times); it moves only when a test moves it.</summary>
    FakeTimeProvider Clock { get; }
}

/// <summary>The LiteDB engine on a file of its own, wired as StorageExtensions wires it.</summary>
internal sealed class LiteDbUnderTest : IStorageUnderTest
{
    private readonly TempDatabase _file = new();
    private readonly LiteDB.LiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly LiteDbTicketStore _tickets;

    public LiteDbUnderTest()
    {
        _database = _file.Open();
        _commits = new LiteDbCommitQueue(_database);
        _tickets = new LiteDbTicketStore(_database, _commits);
        var states = new LiteDbBotStorage(_database, _commits);
        States = states;
        Handled = new HandledActivities(states, new IdempotencyRecords(_database, _commits, TimeProvider.System));
        CardPosts = new LiteDbCardPostStore(_database);
        Deflections = new LiteDbDeflectionStore(_database, _commits);
        TriageChannels = new LiteDbTriageChannelStore(_database);
        Jobs = new LiteDbJobTransactions(_commits);
        ReviewLedger = new LiteDbReviewLedger(_database, _commits, Clock);
        HeldNudges = new LiteDbHeldNudges(_database, _commits);
        WakeUps = new LiteDbReminderWakeUps(_database, _commits);
        TicketFiles = new LiteDbTicketFiles(_database, _commits, Uploads.Files(UploadDirectory));
        References = new LiteDbConversationReferenceStore(_database, _commits);
        Knowledge = new LiteDbKnowledgeStore(_database, _commits, [KnowledgeListener]);
        Outbox = new LiteDbOutboxRows(_database, _commits, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(TestClock.Start);

    public IOutboxRows Outbox { get; }

    public SupportBot.Knowledge.IKnowledgeStore Knowledge { get; }

    public HeardKnowledgeChanges KnowledgeListener { get; } = new();

    public IConversationReferenceStore References { get; }

    public ITicketFiles TicketFiles { get; }

    public string UploadDirectory { get; } = Uploads.NewDirectory();

    public SupportBot.Reminders.IReminderWakeUps WakeUps { get; }

    public SupportBot.Reminders.IHeldNudges HeldNudges { get; }

    public SupportBot.Common.IJobTransactions Jobs { get; }

    public SupportBot.Review.IReviewLedger ReviewLedger { get; }

    public ITriageChannelStore TriageChannels { get; }

    public SupportBot.Knowledge.IDeflectionStore Deflections { get; }

    public ICommitQueue Commits => _commits;

    public ITicketStore Tickets => _tickets;

    public IStorage States { get; }

    public IHandledActivities Handled { get; }

    public ICardPostStore CardPosts { get; }

    public void Dispose()
    {
        _commits.Dispose();
        _tickets.Dispose();
        _database.Dispose();
        _file.Dispose();
        Uploads.Delete(UploadDirectory);
    }
}

/// <summary>The PostgreSQL engine on a fresh database of the run's private cluster, migrated as at start.</summary>
internal sealed class PostgreSqlUnderTest : IStorageUnderTest
{
    private readonly List<PgStorageEngine> _instances = [];

    public PostgreSqlUnderTest()
    {
        ConnectionString = PgTestCluster.Instance.CreateDatabase();
        using (var source = Source())
        {
            PgSchema.MigrateAsync(source).GetAwaiter().GetResult();
        }

        Engine = Instance();
    }

    public string ConnectionString { get; }

    public PgStorageEngine Engine { get; }

    public ICommitQueue Commits => Engine.Commits;

    public ITicketStore Tickets => Engine.Tickets;

    public IStorage States => Engine.States;

    public IHandledActivities Handled => Engine.Handled;

    public ICardPostStore CardPosts => Engine.CardPosts;

    public IOutboxRows Outbox => Engine.Outbox;

    public SupportBot.Knowledge.IKnowledgeStore Knowledge => Engine.Knowledge;

    public HeardKnowledgeChanges KnowledgeListener { get; } = new();

    public IConversationReferenceStore References => Engine.References;

    public ITicketFiles TicketFiles => Engine.TicketFiles;

    public string UploadDirectory { get; } = Uploads.NewDirectory();

    public SupportBot.Reminders.IReminderWakeUps WakeUps => Engine.WakeUps;

    public SupportBot.Reminders.IHeldNudges HeldNudges => Engine.HeldNudges;

    public SupportBot.Common.IJobTransactions Jobs => Engine.Jobs;

    public SupportBot.Review.IReviewLedger ReviewLedger => Engine.ReviewLedger;

    public ITriageChannelStore TriageChannels => Engine.TriageChannels;

    public SupportBot.Knowledge.IDeflectionStore Deflections => Engine.Deflections;

    public FakeTimeProvider Clock { get; } = new(TestClock.Start);

    /// <summary>Another SupportBot instance on the same database: its own pool, commit queue and stores.</summary>
    public PgStorageEngine Instance()
    {
        var engine = new PgStorageEngine(Source(), Clock, Uploads.Files(UploadDirectory), [KnowledgeListener]);
        _instances.Add(engine);
        return engine;
    }

    public NpgsqlDataSource Source() => NpgsqlDataSource.Create(ConnectionString);

    public void Dispose()
    {
        foreach (var engine in _instances)
        {
            engine.Dispose();
            engine.Source.Dispose();
        }

        Uploads.Delete(UploadDirectory);
    }
}

internal static class TestClock
{
    /// <summary>Whole microseconds, as PostgreSQL keeps times: a stamp reads back equal on both engines.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
}

/// <summary>A web chat upload folder of a test's own (DirectLine:UploadDirectory), removed with it.</summary>
internal static class Uploads
{
    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), $"supportbot-uploads-{Guid.NewGuid():N}");

    public static SupportBot.BotFramework.DirectLine.DirectLineFiles Files(string directory) =>
        new(new SupportBot.BotFramework.DirectLine.FolderFileStore(Microsoft.Extensions.Options.Options.Create(new SupportBot.BotFramework.DirectLine.DirectLineOptions { UploadDirectory = directory })));

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
