using LiteDB;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Common;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>
/// Ticket files in LiteDB's file storage, in the same database file as the tickets: a copy made inside a turn is
/// written in the turn's transaction, so a ticket and its files are saved together or not at all.
/// </summary>
internal sealed class LiteDbTicketFiles : ITicketFiles
{
    private const string ContentTypeField = "contentType";

    private readonly ILiteDatabase _database;
    private readonly LiteDbCommitQueue _commits;
    private readonly DirectLineFiles _uploads;

    public LiteDbTicketFiles(ILiteDatabase database, LiteDbCommitQueue commits, DirectLineFiles uploads)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _commits = commits;
        _uploads = uploads;

        // LiteDB's file storage collections, made before the commit queue's transaction could first make them.
        LiteDbCollections.Existing(database, "_files");
        LiteDbCollections.Existing(database, "_chunks");
    }

    public IReadOnlyList<AttachmentRef> Keep(IReadOnlyList<AttachmentRef> files, ConversationAddress? from) =>
        TicketFileCopies.Keep(files, from, _uploads, Save);

    public KeptFile? Open(string id)
    {
        if (!TicketFileCopies.IsId(id))
        {
            return null;
        }

        var info = _database.FileStorage.FindById(id);
        return info is null ? null : new KeptFile(info.Filename, info.Metadata[ContentTypeField].AsString, info.OpenRead());
    }

    private void Save(string id, UploadedFile upload)
    {
        void Write()
        {
            using var content = new MemoryStream(upload.Content, writable: false);
            _database.FileStorage.Upload(id, upload.Name, content, new BsonDocument { [ContentTypeField] = upload.ContentType });
        }

        if (TurnWork.Current is { } work)
        {
            work.Write(Write);
            return;
        }

        // Outside a turn (tools, tests) the copy is committed on its own before the ticket refers to it.
        _commits.EnqueueAsync(() => { Write(); return true; }).GetAwaiter().GetResult();
    }

    /// <summary>Every kept file with its id, name, type and content: what a move to another engine copies.</summary>
    internal static IEnumerable<(string Id, UploadedFile File)> All(ILiteDatabase database)
    {
        foreach (var info in database.FileStorage.FindAll())
        {
            using var content = new MemoryStream();
            info.CopyTo(content);
            yield return (info.Id, new UploadedFile(info.Filename, info.Metadata[ContentTypeField].AsString, content.ToArray()));
        }
    }
}
