namespace SupportBot.BotFramework.DirectLine;

/// <summary>A file a visitor uploaded, as the application reads it to keep a copy of its own.</summary>
public sealed record UploadedFile(string Name, string ContentType, byte[] Content);

/// <summary>
/// Reads back what a visitor uploaded, for an application that keeps files longer than the conversation (uploads
/// are deleted with it). Only a link to the named conversation's own uploads is read: a client may post any
/// <c>contentUrl</c> in an activity, and must not reach another conversation's files through it.
/// </summary>
public sealed class DirectLineFiles(IDirectLineFileStore store)
{
    /// <summary>The file behind <paramref name="contentUrl"/> when it is an upload of <paramref name="conversationId"/>; otherwise null.</summary>
    public UploadedFile? Read(string contentUrl, string conversationId, string name)
    {
        if (!Uri.TryCreate(contentUrl, UriKind.Absolute, out var url))
        {
            return null;
        }

        var expected = $"{DirectLineEndpoints.Prefix}/conversations/{Uri.EscapeDataString(conversationId)}/files/";
        var path = url.AbsolutePath;
        var at = path.IndexOf(expected, StringComparison.Ordinal);
        if (at < 0 || !DirectLineUploads.IsPlainName(conversationId))
        {
            return null;
        }

        var fileId = path[(at + expected.Length)..];
        if (!DirectLineUploads.IsPlainName(fileId) || fileId.EndsWith(DirectLineUploads.TypeSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        if (store.Open(conversationId, fileId) is not { } upload)
        {
            return null;
        }

        using var content = upload.Content;
        using var copy = new MemoryStream();
        content.CopyTo(copy);
        return new UploadedFile(name, upload.ContentType, copy.ToArray());
    }
}
