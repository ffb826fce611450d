using Npgsql;
using SupportBot.Storage.Postgres;

namespace SupportBot.Storage.Moving;

/// <summary>
/// Writes a <see cref="LiteDbDesk"/> into a migrated PostgreSQL database in ONE transaction, through each PostgreSQL
/// store's own insert code, so a row has one shape whichever way it arrives. Refuses a database that already holds
/// tickets (two desks are never merged); any failure rolls everything back, so the run can simply be repeated.
/// </summary>
internal static class PgDeskImport
{
    /// <summary>How many rows of each store were written, in the order they were written.</summary>
    public static IReadOnlyList<(string Store, int Count)> Write(NpgsqlDataSource source, LiteDbDesk desk)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(desk);
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();

        // Held to the commit: a SupportBot instance started on this database too early waits for the move, not the other way round.
        using (var lockTickets = new NpgsqlCommand("LOCK TABLE tickets IN EXCLUSIVE MODE", connection, transaction))
        {
            lockTickets.ExecuteNonQuery();
        }

        using (var count = new NpgsqlCommand("SELECT count(*) FROM tickets", connection, transaction))
        {
            if (count.ExecuteScalar() is long held and > 0)
            {
                throw new StorageMoveRefusedException($"The PostgreSQL database already holds tickets ({held}): refusing to merge two desks; nothing was moved.");
            }
        }

        var moved = new List<(string Store, int Count)>();
        var store = "";
        var write = new PgWrite(connection, transaction);

        // PgWrite.Current is per thread: everything below is synchronous, on this thread, until the commit.
        using (PgWrite.Enter(write))
        {
            void Step<T>(string name, IEnumerable<T> rows, Action<T> insert)
            {
                store = name;
                var n = 0;
                foreach (var row in rows)
                {
                    insert(row);
                    n++;
                }

                moved.Add((name, n));
            }

            try
            {
                Step("tickets", desk.Tickets, ticket => PgTicketStore.InsertRow(write, ticket));
                Step("ticket numbers", desk.Serials, used => PgTicketSerials.RecordMoved(write, used.Day, used.Serial, used.Number ?? ""));
                Step("numbering days", desk.Days, day => PgTicketSerials.CountDay(write, day.Day, day.Last));
                PgTicketSerials.FreeHoles(write);
                Step("ticket files", desk.Files, file => PgTicketFiles.Insert(write, file.Id, file.File));
                Step("card posts", desk.CardPosts, post => PgCardPostStore.Import(write, post));
                store = "knowledge articles";
                moved.Add((store, PgKnowledgeStore.Import(write, desk.Articles)));
                Step("deflections", desk.Deflections, record => PgDeflectionStore.Import(write, record));
                Step("reviews sent", desk.Reviews.Sent, sent => PgReviewLedger.Record(write, sent.Key, sent.At));
                if (desk.Reviews.Since is { } since)
                {
                    PgReviewLedger.ImportSince(write, since);
                }

                if (desk.Reviews.SigningKey is { } key)
                {
                    PgReviewLedger.ImportSigningKey(write, key);
                }

                Step("held nudges", desk.HeldNudges, held => PgHeldNudges.Upsert(write, held.Nudge, held.EngineerId, held.FlushAt));
                Step("reminder wake-ups", desk.WakeUps, wakeUp => PgReminderWakeUps.Set(write, wakeUp.Number, wakeUp.At));
                Step("triage channels", desk.TriageChannels, bound => PgTriageChannelStore.Upsert(write, bound.Key, bound.Channel));
                Step("conversation references", desk.References, reference => PgConversationReferenceStore.Import(write, reference));
                Step("conversation state", desk.States, state => PgBotStorage.Import(write, state.Key, state.Json, state.Handled));
                Step("outbox rows", desk.Outbox, row => PgOutboxRows.Import(write, row));
                Step("idempotency records", desk.Idempotency, record => PgIdempotencyRecords.Insert(write, record.HashedKey, record.At));
            }
            catch (PostgresException failed)
            {
                // The transaction is disposed without a commit: the database is as it was.
                throw new StorageMoveRefusedException($"Copying {store} failed, nothing was moved: {failed.MessageText}{(failed.Detail is { } detail ? $" ({detail})" : "")}", failed);
            }
        }

        transaction.Commit();
        return moved;
    }
}
