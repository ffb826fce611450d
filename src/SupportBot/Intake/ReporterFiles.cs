using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>The files a reporter sent with a message (not cards), as the ticket records them.</summary>
internal static class ReporterFiles
{
    public static IReadOnlyList<AttachmentRef> Of(Activity activity, string addedBy, DateTimeOffset addedAt)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return
        [
            .. (activity.Attachments ?? [])
                .Where(file => file.ContentUrl is not null && file.ContentType != Attachment.AdaptiveCardContentType)
                .Select(file => new AttachmentRef
                {
                    Name = file.Name ?? "attachment",
                    ContentType = file.ContentType ?? "application/octet-stream",
                    Url = file.ContentUrl!,
                    AddedAt = addedAt,
                    AddedBy = addedBy,
                }),
        ];
    }
}
