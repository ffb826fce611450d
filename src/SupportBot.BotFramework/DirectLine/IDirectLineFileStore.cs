using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>A visitor's upload as kept: the type it is served as, and its bytes.</summary>
public sealed record StoredUpload(string ContentType, Stream Content);

/// <summary>
/// Where uploads are kept once received. An upload is first streamed to this process's upload folder (so its size is
/// checked as it arrives, never held in memory whole); the store then keeps it where every process serving the
/// conversation finds it.
/// </summary>
public interface IDirectLineFileStore
{
    /// <summary>Keeps the file received at <paramref name="receivedPath"/> under the conversation and the file's id.</summary>
    Task KeepAsync(string conversationId, string fileId, string contentType, string receivedPath, CancellationToken cancellationToken);

    /// <summary>The upload, or null when there is none. Both ids are plain names (checked by the caller).</summary>
    StoredUpload? Open(string conversationId, string fileId);

    /// <summary>Deletes a conversation's uploads when the conversation ends.</summary>
    Task DeleteConversationAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>Uploads stay in the upload folder they were received in, one folder per conversation: right for one process.</summary>
public sealed class FolderFileStore(IOptions<DirectLineOptions> options) : IDirectLineFileStore
{
    /// <summary>Beside each received file, a file of this ending holds the type it is served as.</summary>
    public const string TypeSuffix = ".type";

    public Task KeepAsync(string conversationId, string fileId, string contentType, string receivedPath, CancellationToken cancellationToken) => Task.CompletedTask;

    public StoredUpload? Open(string conversationId, string fileId)
    {
        var path = Path.GetFullPath(Path.Combine(options.Value.UploadDirectory, conversationId, fileId));
        return File.Exists(path) && File.Exists(path + TypeSuffix)
            ? new StoredUpload(File.ReadAllText(path + TypeSuffix), File.OpenRead(path))
            : null;
    }

    public Task DeleteConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        DirectLineUploads.DeleteConversation(options.Value, conversationId);
        return Task.CompletedTask;
    }
}
