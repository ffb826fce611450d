using Npgsql;
using NpgsqlTypes;
using SupportBot.Common;
using SupportBot.Knowledge;

namespace SupportBot.Storage.Postgres;

/// <summary>Deflection records on PostgreSQL (<c>deflections</c>), written in the turn that offered or settled them.</summary>
internal sealed class PgDeflectionStore(NpgsqlDataSource source, PgCommitQueue commits) : IDeflectionStore
{
    // A turn reads its own save back before it commits (the offer, then the reporter's answer in the same turn).
    public DeflectionRecord? Find(string id)
    {
        if (TurnWork.Current is { } work && work.Items.TryGetValue((this, id), out var mine))
        {
            return (DeflectionRecord)mine;
        }

        using var command = source.CreateCommand("SELECT record::text FROM deflections WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() is string json ? PgJson.Read<DeflectionRecord>(json) : null;
    }

    public async Task SaveAsync(DeflectionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = PgJson.Write(record);
        if (TurnWork.Current is { } work)
        {
            work.Items[(this, record.Id)] = record;
            work.Write(() => Upsert(PgWrite.Current, record, json));
            return;
        }

        await commits.EnqueueAsync(write => { Upsert(write, record, json); return true; });
    }

    public IEnumerable<DeflectionRecord> Between(DateTimeOffset from, DateTimeOffset to)
    {
        using var command = source.CreateCommand("SELECT record::text FROM deflections WHERE offered_at >= @from AND offered_at < @to ORDER BY offered_at");
        command.Parameters.AddWithValue("from", from.ToUniversalTime());
        command.Parameters.AddWithValue("to", to.ToUniversalTime());
        using var reader = command.ExecuteReader();
        var records = new List<DeflectionRecord>();
        while (reader.Read())
        {
            records.Add(PgJson.Read<DeflectionRecord>(reader.GetString(0)));
        }

        return records;
    }

    /// <summary>A record as another store kept it (a moved LiteDB desk), in the open transaction.</summary>
    internal static void Import(PgWrite write, DeflectionRecord record) => Upsert(write, record, PgJson.Write(record));

    private static void Upsert(PgWrite write, DeflectionRecord record, string json)
    {
        using var command = write.Command(
            "INSERT INTO deflections (id, offered_at, record) VALUES (@id, @offered, @record) " +
            "ON CONFLICT (id) DO UPDATE SET offered_at = excluded.offered_at, record = excluded.record",
            ("id", record.Id), ("offered", record.OfferedAt.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter("record", NpgsqlDbType.Jsonb) { Value = json });
        command.ExecuteNonQuery();
    }
}
