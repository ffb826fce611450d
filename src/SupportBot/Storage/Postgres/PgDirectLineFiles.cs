using Npgsql;
using SupportBot.BotFramework.DirectLine;

namespace SupportBot.Storage.Postgres;

/// <summary>
/// Web chat uploads on PostgreSQL (<c>dl_files</c>, the content as <c>bytea</c>: an upload is capped at a few MB), so a
/// file uploaded through one instance downloads through any. The file received in this instance's upload folder is
/// moved into the table and deleted there.
/// </summary>
/// <remarks>Made from the data source alone: the storage engine itself needs <see cref="DirectLineFiles"/>, which needs this.</remarks>
internal sealed class PgDirectLineFiles(NpgsqlDataSource source) : IDirectLineFileStore
{
    public async Task KeepAsync(string conversationId, string fileId, string contentType, string receivedPath, CancellationToken cancellationToken)
    {
        await using (var command = source.CreateCommand("INSERT INTO dl_files (conversation_id, id, content_type, content) VALUES (@conversation, @id, @type, @content)"))
        {
            command.Parameters.AddWithValue("conversation", conversationId);
            command.Parameters.AddWithValue("id", fileId);
            command.Parameters.AddWithValue("type", contentType);
            command.Parameters.AddWithValue("content", await File.ReadAllBytesAsync(receivedPath, cancellationToken));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        File.Delete(receivedPath);
        File.Delete(receivedPath + FolderFileStore.TypeSuffix);
    }

    public StoredUpload? Open(string conversationId, string fileId)
    {
        using var command = source.CreateCommand("SELECT content_type, content FROM dl_files WHERE conversation_id = @conversation AND id = @id");
        command.Parameters.AddWithValue("conversation", conversationId);
        command.Parameters.AddWithValue("id", fileId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredUpload(reader.GetString(0), new MemoryStream(reader.GetFieldValue<byte[]>(1), writable: false)) : null;
    }

    public async Task DeleteConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand("DELETE FROM dl_files WHERE conversation_id = @conversation");
        command.Parameters.AddWithValue("conversation", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
