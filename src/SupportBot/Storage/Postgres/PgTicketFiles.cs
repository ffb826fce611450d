using Npgsql;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Ticket files on PostgreSQL (<c>ticket_files</c>, the content as <c>bytea</c>: uploads are capped at a few MB, well
/// within a row): a copy made inside a turn is written in the turn's transaction, so a ticket and its files are saved
/// together or not at all.
/// </summary>
internal sealed class PgTicketFiles(NpgsqlDataSource source, PgCommitQueue commits, DirectLineFiles uploads) : ITicketFiles
{
    public IReadOnlyList<AttachmentRef> Keep(IReadOnlyList<AttachmentRef> files, ConversationAddress? from) =>
        TicketFileCopies.Keep(files, from, uploads, Save);

    public KeptFile? Open(string id)
    {
        if (!TicketFileCopies.IsId(id))
        {
            return null;
        }

        using var command = source.CreateCommand("SELECT name, content_type, content FROM ticket_files WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new KeptFile(reader.GetString(0), reader.GetString(1), new MemoryStream(reader.GetFieldValue<byte[]>(2), writable: false))
            : null;
    }

    private void Save(string id, UploadedFile upload)
    {
        void Write(PgWrite write) => Insert(write, id, upload);

        if (TurnWork.Current is { } work)
        {
            work.Write(() => Write(PgWrite.Current));
            return;
        }

        // Outside a turn (tools, tests) the copy is committed on its own before the ticket refers to it.
        commits.EnqueueAsync(write => { Write(write); return true; }).GetAwaiter().GetResult();
    }

    /// <summary>A kept file's row, in the open transaction: a copy made now, or one a moved LiteDB desk kept.</summary>
    internal static void Insert(PgWrite write, string id, UploadedFile file) => write.Execute(
        "INSERT INTO ticket_files (id, name, content_type, content) VALUES (@id, @name, @type, @content)",
        ("id", id), ("name", file.Name), ("type", file.ContentType), ("content", file.Content));
}
