using System.Text.Json;

namespace SupportBot.BotFramework.State;

/// <summary>A stored document and the version it was read at; <see cref="ETag"/> null or "*" writes unconditionally.</summary>
public sealed record StoreItem(JsonElement Document, string? ETag);

/// <summary>
/// Key-value storage for bot state with optimistic concurrency: a write carrying an ETag succeeds only if the
/// stored item still has that ETag. The app provides a durable implementation; <see cref="MemoryStorage"/> is for tests.
/// </summary>
public interface IStorage
{
    Task<IReadOnlyDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes the items and returns their new ETags; throws <see cref="StorageConflictException"/> on a stale ETag, writing none of them.</summary>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);
}

/// <summary>Someone else changed the item since it was read. Within one process turns of a conversation never race; across processes they can.</summary>
public sealed class StorageConflictException : Exception
{
    public StorageConflictException()
    {
    }

    public StorageConflictException(string message)
        : base(message)
    {
    }

    public StorageConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

public static class ETags
{
    public const string Any = "*";

    public static bool Matches(string? expected, string? stored) => expected is null or Any || expected == stored;
}
