using LiteDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddOptions<StorageOptions>().Configure<IConfiguration>((options, configuration) =>
            options.ConnectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName));
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName);

        // One LiteDatabase for the process: LiteDB is thread-safe and the file is opened exclusively.
        services.AddSingleton<ILiteDatabase>(provider => DatabaseFile.Open(DatabasePath(provider)));
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
        services.AddSingleton<IOutboxRows, LiteDbOutboxRows>();
        services.AddSingleton<IOutbox, DispatchedOutbox>();
        services.AddSingleton<ITriageChannelStore, LiteDbTriageChannelStore>();
        services.AddSingleton<ICardPostStore>(provider => new LiteDbCardPostStore(provider.GetRequiredService<ILiteDatabase>()));
        services.AddSingleton(provider => new LiteDbConversationReferenceStore(
            provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<LiteDbCommitQueue>()));
        services.AddSingleton<IConversationReferenceStore>(provider => provider.GetRequiredService<LiteDbConversationReferenceStore>());
        services.AddSingleton<Intake.IKnownTeamsUsers>(provider => provider.GetRequiredService<LiteDbConversationReferenceStore>());
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
        Path.Combine(provider.GetRequiredService<IHostEnvironment>().ContentRootPath, provider.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath);
}

internal static class LiteDbCollections
{
    /// <summary>
    /// Creates a collection before anyone reads it. A collection that first appears inside the commit queue's open
    /// transaction can be read half-made by another thread (LiteDB: "page type must be collection page").
    /// </summary>
    public static ILiteCollection<BsonDocument> Existing(ILiteDatabase database, string name)
    {
        var collection = database.GetCollection(name);
        if (!database.CollectionExists(name))
        {
            collection.Insert(new BsonDocument { ["_id"] = "\u0000created" });
            collection.Delete("\u0000created");
        }

        return collection;
    }
}

internal sealed class StorageOptionsValidator : OptionsValidator<StorageOptions>
{
    protected override void Validate(StorageOptions options, List<string> errors)
    {
        if (options.Provider == StorageProvider.PostgreSql)
        {
            // Never the connection string itself in a message: it carries the password.
            errors.Add(string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"{StorageOptions.SectionName}:Provider is PostgreSql but ConnectionStrings:{StorageOptions.ConnectionStringName} is not set."
                : Postgres.PgStorageEngine.StoresNotThereYet.Count > 0
                    ? $"{StorageOptions.SectionName}:Provider PostgreSql is not complete yet: {string.Join(", ", Postgres.PgStorageEngine.StoresNotThereYet)} are not on PostgreSQL; use LiteDb."
                    : $"{StorageOptions.SectionName}:Provider PostgreSql is not complete yet: every store is on PostgreSQL but the app is not wired to them; use LiteDb.");
            return;
        }

        if (string.IsNullOrWhiteSpace(options.DatabasePath) || options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{StorageOptions.SectionName}:DatabasePath must be a file path, not '{options.DatabasePath}'.");
        }
    }
}

/// <summary>
/// Unhealthy while commits fail (the reason is the last failure), and healthy again once one succeeds: the check
/// itself commits a probe, which also makes the queue reopen a database that a full disk left broken.
/// </summary>
internal sealed class StorageHealthCheck(ICommitQueue commits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await commits.ProbeAsync();
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            return HealthCheckResult.Unhealthy($"storage: {commits.Fault ?? error.Message}");
        }
    }
}

/// <summary>Keeps the bounded tables bounded: delivered outbox rows and idempotency records older than a day go, hourly.</summary>
internal sealed partial class StorageHousekeeping(IOutboxRows outbox, IdempotencyRecords records, TimeProvider time, ILogger<StorageHousekeeping> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await outbox.PurgeDeliveredAsync(IdempotencyRecords.Lifetime);
                await records.PurgeAsync();
            }
            catch (Exception error) when (StorageFaults.IsStorageFault(error))
            {
                PurgeFailed(log, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old outbox rows and idempotency records failed; next hour again")]
    private static partial void PurgeFailed(ILogger logger, Exception error);
}
