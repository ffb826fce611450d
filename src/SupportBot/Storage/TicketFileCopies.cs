using System.Security.Cryptography;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;

namespace SupportBot.Storage;

/// <summary>Which of a ticket's files are copied into ticket storage, whichever engine keeps the copies.</summary>
internal static class TicketFileCopies
{
    /// <summary>
    /// Web chat uploads of <paramref name="from"/> are saved (<paramref name="save"/>, under a new random id) and linked
    /// there; any other link (a Teams file) stays as it is.
    /// </summary>
    public static IReadOnlyList<AttachmentRef> Keep(IReadOnlyList<AttachmentRef> files, ConversationAddress? from, DirectLineFiles uploads, Action<string, UploadedFile> save)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (from is not { ChannelId: Channels.WebChat } conversation)
        {
            return files;
        }

        var kept = new List<AttachmentRef>(files.Count);
        foreach (var file in files)
        {
            if (uploads.Read(file.Url, conversation.ConversationId, file.Name) is not { } upload)
            {
                kept.Add(file);
                continue;
            }

            var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            save(id, upload);
            kept.Add(file with { Url = TicketFilesApi.Link(new Uri(file.Url), id), ContentType = upload.ContentType });
        }

        return kept;
    }

    /// <summary>Whether <paramref name="id"/> could be a kept file's id at all (32 lower-case hex digits), before any lookup.</summary>
    public static bool IsId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
