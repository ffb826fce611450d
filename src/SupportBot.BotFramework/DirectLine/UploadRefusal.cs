using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// What the bot hears when Direct Line refuses a visitor's upload: an <c>event</c> activity named
/// <see cref="EventName"/> whose value is this. The widget shows only "send failed" for a refused upload, so the
/// bot says why, in the visitor's language (the event carries the locale the widget sent).
/// </summary>
/// <param name="Reason"><see cref="TypeNotAllowed"/> or <see cref="TooLarge"/>.</param>
/// <param name="Files">The names of the files refused (empty when the upload was refused before they were read).</param>
/// <param name="MaxBytes">The configured limit for one upload.</param>
public sealed record UploadRefusal(string Reason, IReadOnlyList<string> Files, long MaxBytes)
{
    public const string EventName = "directline/uploadRefused";
    public const string TypeNotAllowed = "type";
    public const string TooLarge = "size";

    public static UploadRefusal? From(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.IsType(ActivityTypes.Event) && activity.Name == EventName && activity.Value is { ValueKind: JsonValueKind.Object } value
            ? value.Deserialize<UploadRefusal>(BotJson.Options)
            : null;
    }

    public Activity ToEvent(Activity carrier) => carrier with
    {
        Type = ActivityTypes.Event,
        Name = EventName,
        Text = null,
        Attachments = null,
        Value = JsonSerializer.SerializeToElement(this, BotJson.Options),
    };
}
