using LiteDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SupportBot.Hosting;
using SupportBot.Tickets;

namespace SupportBot.Storage;

public static class StorageExtensions
{
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);

        // One LiteDatabase for the process: LiteDB is thread-safe and the file is opened exclusively.
        services.AddSingleton<ILiteDatabase>(provider =>
        {
            var path = DatabasePath(provider);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, SupportBotBsonMapper.Create());
        });
        services.AddSingleton<LiteDbCommitQueue>();
        services.AddSingleton(provider => new JournalBotStorage(
            JournalBotStorage.PathBeside(DatabasePath(provider)), provider.GetRequiredService<IOptions<StorageOptions>>()));
        services.AddSingleton(provider => new LiteDbTicketStore(provider.GetRequiredService<ILiteDatabase>(), provider.GetRequiredService<LiteDbCommitQueue>()));
        // New tickets are made durable in the journal and reach LiteDB behind the reply (JournaledTicketStore).
        services.AddSingleton<ITicketStore, JournaledTicketStore>();
        services.AddHealthChecks().AddCheck<LiteDbHealthCheck>("storage");
        return services;
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

public sealed class StorageOptionsValidator : OptionsValidator<StorageOptions>
{
    protected override void Validate(StorageOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.DatabasePath) || options.DatabasePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"{StorageOptions.SectionName}:DatabasePath must be a file path, not '{options.DatabasePath}'.");
        }
    }
}

/// <summary>Healthy when the database file answers a read.</summary>
public sealed class LiteDbHealthCheck(ILiteDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        _ = database.GetCollectionNames().Count();
        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
