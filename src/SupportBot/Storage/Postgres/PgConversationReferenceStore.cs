using System.Text.Json;
using Npgsql;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Common;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Conversation references on PostgreSQL (<c>conversation_refs</c>), so reminders reach people after a restart and
/// from any instance. Saved in the turn's transaction, else queued without holding up the caller.
/// </summary>
internal sealed class PgConversationReferenceStore(NpgsqlDataSource source, PgCommitQueue commits) : IConversationReferenceStore, Intake.IKnownTeamsUsers
{
    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var keys = ConversationReferenceKeys.Of(reference);
        var json = JsonSerializer.Serialize(reference, BotJson.Options);
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Upsert(PgWrite.Current, keys, json));
            return Task.CompletedTask;
        }

        // Not awaited: a reference is only needed later (reminders), and every turn carries it again. Failures are
        // retried alone by the queue.
        _ = commits.EnqueueAsync(write => Upsert(write, keys, json));
        return Task.CompletedTask;
    }

    public async Task<ConversationReference?> FindAsync(string channelId, string conversationId, CancellationToken cancellationToken = default)
    {
        await commits.FlushAsync();
        return Read("SELECT reference FROM conversation_refs WHERE key = @key", ConversationReferenceKeys.Conversation(channelId, conversationId)).FirstOrDefault();
    }

    public async Task<ConversationReference?> FindPersonalAsync(string channelId, string userId, CancellationToken cancellationToken = default)
    {
        await commits.FlushAsync();
        var key = ConversationReferenceKeys.User(channelId, userId);
        return Read("SELECT reference FROM conversation_refs WHERE personal_user = @key LIMIT 1", key).FirstOrDefault()
            ?? Read("SELECT reference FROM conversation_refs WHERE personal_aad = @key LIMIT 1", key).FirstOrDefault();
    }

    public async Task<string?> FindByNameAsync(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        await commits.FlushAsync();
        var people = Read("SELECT reference FROM conversation_refs WHERE personal_name = @key", ConversationReferenceKeys.Name(Channels.MsTeams, name))
            .Select(reference => reference.User?.AadObjectId).OfType<string>().Distinct(StringComparer.Ordinal).Take(2).ToList();
        return people.Count == 1 ? people[0] : null;
    }

    private List<ConversationReference> Read(string sql, string key)
    {
        using var command = source.CreateCommand(sql);
        command.Parameters.AddWithValue("key", key);
        using var reader = command.ExecuteReader();
        var references = new List<ConversationReference>();
        while (reader.Read())
        {
            if (JsonSerializer.Deserialize<ConversationReference>(reader.GetString(0), BotJson.Options) is { } reference)
            {
                references.Add(reference);
            }
        }

        return references;
    }

    /// <summary>A reference as another store kept it (a moved LiteDB desk), in the open transaction.</summary>
    internal static void Import(PgWrite write, ConversationReference reference) =>
        Upsert(write, ConversationReferenceKeys.Of(reference), JsonSerializer.Serialize(reference, BotJson.Options));

    private static bool Upsert(PgWrite write, ConversationReferenceKeys keys, string json) => write.Execute(
        "INSERT INTO conversation_refs (key, personal_user, personal_aad, personal_name, reference) VALUES (@key, @user, @aad, @name, @reference) " +
        "ON CONFLICT (key) DO UPDATE SET personal_user = excluded.personal_user, personal_aad = excluded.personal_aad, " +
        "personal_name = excluded.personal_name, reference = excluded.reference",
        ("key", keys.Key), ("user", keys.PersonalUser), ("aad", keys.PersonalAad), ("name", keys.PersonalName), ("reference", json)) == 1;
}
