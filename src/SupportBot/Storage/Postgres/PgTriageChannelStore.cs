using Npgsql;
using SupportBot.Common;
using SupportBot.Engineering;

namespace SupportBot.Storage.Postgres;

/// <summary>Triage channel bindings on PostgreSQL (<c>triage_channels</c>); a binding made in a turn joins its transaction.</summary>
internal sealed class PgTriageChannelStore(NpgsqlDataSource source, PgCommitQueue commits) : ITriageChannelStore
{
    public TriageChannel? Find(string key)
    {
        using var command = source.CreateCommand(
            "SELECT team, channel_id, service_url, conversation_id, locale, bot_id, tenant_id FROM triage_channels WHERE key = @key");
        command.Parameters.AddWithValue("key", key);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TriageChannel(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6))
            : null;
    }

    public void Save(string key, TriageChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (TurnWork.Current is { } work)
        {
            work.Write(() => Upsert(PgWrite.Current, key, channel));
            return;
        }

        commits.EnqueueAsync(write => { Upsert(write, key, channel); return true; }).GetAwaiter().GetResult();
    }

    internal static void Upsert(PgWrite write, string key, TriageChannel channel) => write.Execute(
        "INSERT INTO triage_channels (key, team, channel_id, service_url, conversation_id, locale, bot_id, tenant_id) " +
        "VALUES (@key, @team, @channel, @url, @conversation, @locale, @bot, @tenant) " +
        "ON CONFLICT (key) DO UPDATE SET team = excluded.team, channel_id = excluded.channel_id, service_url = excluded.service_url, " +
        "conversation_id = excluded.conversation_id, locale = excluded.locale, bot_id = excluded.bot_id, tenant_id = excluded.tenant_id",
        ("key", key), ("team", channel.Team), ("channel", channel.ChannelId), ("url", channel.ServiceUrl),
        ("conversation", channel.ConversationId), ("locale", channel.Locale), ("bot", channel.BotId), ("tenant", channel.TenantId));
}
