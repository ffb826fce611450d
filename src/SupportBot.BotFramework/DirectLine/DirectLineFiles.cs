using Microsoft.Extensions.Options;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>A file a visitor uploaded, as the application reads it to keep a copy of its own.</summary>
public sealed record UploadedFile(string Name, string ContentType, byte[] Content);

/// <summary>
/// Reads back what a visitor uploaded, for an application that keeps files longer than the conversation (uploads
/// are deleted with it). Only a link into the named conversation's own folder is read: a client may post any
/// <c>contentUrl</c> in an activity, and must not reach another conversation's files through it.
/// </summary>
public sealed class DirectLineFiles(IOptions<DirectLineOptions> options)
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

        var file = Path.Combine(options.Value.UploadDirectory, conversationId, fileId);
        return File.Exists(file) && File.Exists(file + DirectLineUploads.TypeSuffix)
            ? new UploadedFile(name, File.ReadAllText(file + DirectLineUploads.TypeSuffix), File.ReadAllBytes(file))
            : null;
    }
}
