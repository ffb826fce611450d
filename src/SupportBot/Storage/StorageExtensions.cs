using LiteDB;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.State;
using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Knowledge;
using SupportBot.Tickets;
using IMiddleware = SupportBot.BotFramework.Turns.IMiddleware;

namespace SupportBot.Storage;

internal static class StorageExtensions
{
    /// <summary>
    /// One LiteDB file holds everything (bot state, tickets, card posts, the outbox, idempotency records), each turn
    /// committed in one transaction by <see cref="TurnTransactionMiddleware"/>, registered first so it wraps every turn.
    /// </summary>
    /// <summary>The engine <c>Storage:Provider</c> names (read here, at registration: the two engines register different services).</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Without a connection string the validator refuses PostgreSql; LiteDB is registered so it can.
        return StorageOptions.UsesPostgreSql(configuration)
            ? services.AddPostgreSqlStorage()
            : services.AddLiteDbStorage();
    }

    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddStorageOptions();

        // One LiteDatabase for the process: LiteDB is thread-safe and the file is opened exclusively.
        services.AddSingleton<ILiteDatabase>(provider => DatabaseFile.Open(DatabasePath(provider)));
        services.AddSingleton<LiteDbCacheRelease>();
        services.AddSingleton<IReleaseAtIdle>(provider => provider.GetRequiredService<LiteDbCacheRelease>());
        services.AddHostedService<LiteDbCacheBound>();
        services.AddSingleton(provider => new LiteDbCommitQueue(provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICommitQueue>(provider => provider.GetRequiredService<LiteDbCommitQueue>());
        services.AddSingleton<LiteDbBotStorage>();
        services.AddSingleton<IStorage>(provider => provider.GetRequiredService<LiteDbBotStorage>());
        services.AddSingleton<IHandledActivities, HandledActivities>();
        services.AddSingleton<ITicketStore>(provider => new LiteDbTicketStore(provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<LiteDbCommitQueue>()));
        services.AddSingleton<ITicketFiles, LiteDbTicketFiles>();
        services.AddSingleton<IKnowledgeStore, LiteDbKnowledgeStore>();
        services.AddSingleton<IDeflectionStore, LiteDbDeflectionStore>();
        services.AddSingleton<IJobTransactions, LiteDbJobTransactions>();
        services.AddSingleton<Review.IReviewLedger, LiteDbReviewLedger>();
        services.AddSingleton<Reminders.IHeldNudges, LiteDbHeldNudges>();
        services.AddSingleton<Reminders.IReminderWakeUps, LiteDbReminderWakeUps>();
        services.AddSingleton<IdempotencyRecords>();
        services.AddSingleton<IIdempotencyPurge>(provider => provider.GetRequiredService<IdempotencyRecords>());
        services.AddSingleton<IOutboxRows, LiteDbOutboxRows>();
        services.AddSingleton<ITriageChannelStore, LiteDbTriageChannelStore>();
        services.AddSingleton<ICardPostStore>(provider => new LiteDbCardPostStore(provider.GetRequiredService<ILiteDatabase>()));
        services.AddSingleton(provider => new LiteDbConversationReferenceStore(
            provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<LiteDbCommitQueue>()));
        services.AddSingleton<IConversationReferenceStore>(provider => provider.GetRequiredService<LiteDbConversationReferenceStore>());
        services.AddSingleton<Intake.IKnownTeamsUsers>(provider => provider.GetRequiredService<LiteDbConversationReferenceStore>());
        return services.AddEngineNeutralStorage();
    }

    /// <summary>
    /// One PostgreSQL database holds everything, each turn committed in one transaction as on LiteDB. The schema is
    /// migrated when the engine is first made, which <see cref="OpenStorage"/> does before the host starts, so a
    /// database that cannot be reached or migrated stops the start in one line.
    /// </summary>
    public static IServiceCollection AddPostgreSqlStorage(this IServiceCollection services)
    {
        services.AddStorageOptions();
        services.AddSingleton(provider => Npgsql.NpgsqlDataSource.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString
            ?? throw new InvalidOperationException($"ConnectionStrings:{StorageOptions.ConnectionStringName} is not set.")));
        services.AddSingleton(provider =>
        {
            var source = provider.GetRequiredService<Npgsql.NpgsqlDataSource>();
            MigrateAtStart(source);
            return new Postgres.PgStorageEngine(
                source,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<BotFramework.DirectLine.DirectLineFiles>(),
                provider.GetServices<IKnowledgeChangeListener>());
        });
        Engine<ICommitQueue>(services, engine => engine.Commits);
        Engine<IStorage>(services, engine => engine.States);
        Engine<IHandledActivities>(services, engine => engine.Handled);
        Engine<ITicketStore>(services, engine => engine.Tickets);
        Engine<ITicketFiles>(services, engine => engine.TicketFiles);
        Engine<IKnowledgeStore>(services, engine => engine.Knowledge);
        Engine<IDeflectionStore>(services, engine => engine.Deflections);
        Engine<IJobTransactions>(services, engine => engine.Jobs);
        Engine<Review.IReviewLedger>(services, engine => engine.ReviewLedger);
        Engine<Reminders.IHeldNudges>(services, engine => engine.HeldNudges);
        Engine<Reminders.IReminderWakeUps>(services, engine => engine.WakeUps);
        Engine<IIdempotencyPurge>(services, engine => engine.Records);
        Engine<IOutboxRows>(services, engine => engine.Outbox);
        Engine<ITriageChannelStore>(services, engine => engine.TriageChannels);
        Engine<ICardPostStore>(services, engine => engine.CardPosts);
        Engine<IConversationReferenceStore>(services, engine => engine.References);
        Engine<Intake.IKnownTeamsUsers>(services, engine => engine.References);
        services.AddPostgreSqlDirectLine();

        // Every instance's search index hears the articles the others save (the engine first: the schema is migrated).
        services.AddSingleton(provider => new Postgres.PgKnowledgeListener(
            provider.GetRequiredService<Postgres.PgStorageEngine>().Source,
            provider.GetRequiredService<Postgres.PgStorageEngine>().Knowledge,
            provider.GetServices<Knowledge.IKnowledgeChangeListener>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<Postgres.PgKnowledgeListener>>()));
        services.AddHostedService(provider => provider.GetRequiredService<Postgres.PgKnowledgeListener>());
        services.AddHealthChecks().AddNpgSql(name: "postgresql"); // readiness: the server answers a query (its data source from the container)
        Engine<Reminders.IReminderArming>(services, engine => engine.Arming);

        // The reminders' clustered Quartz store connects through this (Quartz's UseRegisteredDataSource); made from the
        // engine, so the schema (Quartz's tables among it, 0011_quartz.sql) is migrated before Quartz first connects.
        services.AddSingleton<System.Data.Common.DbDataSource>(provider => provider.GetRequiredService<Postgres.PgStorageEngine>().Source);
        return services.AddEngineNeutralStorage();
    }

    /// <summary>
    /// Web chat shared by every instance on the database: transcripts numbered by the database and announced with
    /// NOTIFY, used stream tickets, uploads. Registered before AddDirectLine, whose one-process defaults then stay out.
    /// </summary>
    private static void AddPostgreSqlDirectLine(this IServiceCollection services)
    {
        // Through the engine: the schema is migrated before the first transcript is read.
        services.AddSingleton(provider => new Postgres.PgDirectLineTranscripts(provider.GetRequiredService<Postgres.PgStorageEngine>().Source));
        services.AddSingleton<BotFramework.DirectLine.IDirectLineTranscripts>(provider => provider.GetRequiredService<Postgres.PgDirectLineTranscripts>());
        services.AddSingleton<BotFramework.DirectLine.IStreamTickets>(provider =>
            new Postgres.PgStreamTickets(provider.GetRequiredService<Postgres.PgStorageEngine>().Source, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<BotFramework.DirectLine.IDirectLineFileStore>(provider => new Postgres.PgDirectLineFiles(provider.GetRequiredService<Npgsql.NpgsqlDataSource>()));
        services.AddSingleton<Postgres.PgTranscriptListener>();
        services.AddHostedService(provider => provider.GetRequiredService<Postgres.PgTranscriptListener>());
        services.AddSingleton<IValidateOptions<BotFramework.DirectLine.DirectLineOptions>, SharedSigningKeyValidator>();
    }

    /// <summary>A store of the one engine; the container disposes it with the engine (every Dispose may run twice).</summary>
    private static void Engine<T>(IServiceCollection services, Func<Postgres.PgStorageEngine, T> store)
        where T : class =>
        services.AddSingleton(provider => store(provider.GetRequiredService<Postgres.PgStorageEngine>()));

    /// <summary>Migrates the schema; a server that cannot be reached or migrated is one line naming it (never the password).</summary>
    internal static void MigrateAtStart(Npgsql.NpgsqlDataSource source)
    {
        try
        {
            Postgres.PgSchema.MigrateAsync(source).GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or TimeoutException || Postgres.PgCommitQueue.IsStorageFault(error))
        {
            var where = new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString);
            throw new StorageUnavailableException($"Storage: cannot use PostgreSQL database '{where.Database}' on {where.Host}:{where.Port}: {error.Message}", error);
        }
    }

    private static void AddStorageOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Configure<IConfiguration>((options, configuration) =>
            options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName));
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);
    }

    /// <summary>What works on either engine's stores: outbox dispatch, housekeeping, the turn's transaction, /healthz.</summary>
    private static IServiceCollection AddEngineNeutralStorage(this IServiceCollection services)
    {
        services.AddSingleton<IOutbox, DispatchedOutbox>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        services.AddHostedService<StorageHousekeeping>();
        services.AddSingleton<IMiddleware, TurnTransactionMiddleware>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>Opens the database now, so that a file that cannot be used stops the start (Program.cs) rather than the first turn.</summary>
    /// <remarks>
    /// Every store that creates its collection or indexes when it is made is made here, before anything writes: made
    /// later, on another thread while the commit queue has a transaction open, it corrupts LiteDB's page list ("empty
    /// page must be defined as empty type"). The deflection store was first made that way by the outbox resolving the
    /// weekly review's handler in the middle of a reminder's commit.
    /// </remarks>
    public static void OpenStorage(this IServiceProvider services)
    {
        _ = services.GetRequiredService<ITicketStore>();
        _ = services.GetRequiredService<IDeflectionStore>();
        _ = services.GetRequiredService<IKnowledgeStore>();
        _ = services.GetRequiredService<Review.IReviewLedger>();
        _ = services.GetRequiredService<Reminders.IHeldNudges>();
        _ = services.GetRequiredService<Reminders.IReminderWakeUps>();
    }

    /// <summary>The database file: relative paths are from the app's content root.</summary>
    private static string DatabasePath(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.DatabaseFileIn(provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
