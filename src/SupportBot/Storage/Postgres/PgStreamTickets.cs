using Npgsql;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Used Direct Line stream tickets on PostgreSQL (<c>dl_stream_tickets</c>): a ticket issued by one instance opens one
/// socket on any instance, once. Expired ones are dropped as new ones are used (an expired ticket fails its signature
/// check's lifetime before it gets here), which keeps the table at about a minute's worth of sockets.
/// </summary>
internal sealed class PgStreamTickets(NpgsqlDataSource source, TimeProvider time) : IStreamTickets
{
    public async Task<bool> RedeemAsync(string ticketId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var batch = source.CreateBatch();
        var purge = new NpgsqlBatchCommand("DELETE FROM dl_stream_tickets WHERE expires_at <= $1");
        purge.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        var redeem = new NpgsqlBatchCommand("INSERT INTO dl_stream_tickets (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING");
        redeem.Parameters.Add(new NpgsqlParameter { Value = ticketId });
        redeem.Parameters.Add(new NpgsqlParameter { Value = expiresAt });
        batch.BatchCommands.Add(purge);
        batch.BatchCommands.Add(redeem);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return redeem.RecordsAffected == 1;
    }
}
