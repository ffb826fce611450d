using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What a ticket's attachments rely on, whichever engine keeps them: a web chat upload is copied and linked, and opens
/// with its name, type and bytes; a Teams link stays as it is; a copy made in a failed turn is not kept.
/// </summary>
public abstract class TicketFilesContract : StorageContract
{
    private const string Conversation = "conv-7";
    private static readonly byte[] Bytes = [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3];

    private ITicketFiles Sut => Storage.TicketFiles;

    [Fact]
    public void A_web_chat_upload_is_copied_and_opens_as_uploaded_while_a_teams_link_stays()
    {
        var teams = Attachment("plan.docx", "https://contoso.sharepoint.com/plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var kept = Sut.Keep([Upload("screen.png"), teams], new ConversationAddress(Channels.WebChat, Conversation));

        Assert.Equal(teams, kept[1]);
        var id = kept[0].Url[(kept[0].Url.LastIndexOf('/') + 1)..];
        Assert.StartsWith("https://bot.example/files/", kept[0].Url, StringComparison.Ordinal);
        var file = Sut.Open(id)!;
        using var content = new MemoryStream();
        file.Content.CopyTo(content);
        file.Content.Dispose();
        Assert.Equal(("screen.png", "image/png"), (file.Name, file.ContentType));
        Assert.Equal("image/png", kept[0].ContentType);
        Assert.Equal(Bytes, content.ToArray());
        Assert.Null(Sut.Open(new string('0', 32)));
        Assert.Null(Sut.Open("../../etc/passwd"));
    }

    [Fact]
    public async Task A_copy_made_in_a_failed_turn_is_not_kept()
    {
        IReadOnlyList<AttachmentRef> kept = [];

        await Turns.FailAsync(Storage.Commits, () => { kept = Sut.Keep([Upload("lost.png")], new ConversationAddress(Channels.WebChat, Conversation)); return Task.CompletedTask; });

        Assert.Null(Sut.Open(kept[0].Url[(kept[0].Url.LastIndexOf('/') + 1)..]));
    }

    private AttachmentRef Upload(string name)
    {
        var folder = Path.Combine(Storage.UploadDirectory, Conversation);
        Directory.CreateDirectory(folder);
        var fileId = Guid.NewGuid().ToString("N");
        File.WriteAllBytes(Path.Combine(folder, fileId), Bytes);
        File.WriteAllText(Path.Combine(folder, fileId + ".type"), "image/png");
        return Attachment(name, $"https://bot.example/v3/directline/conversations/{Conversation}/files/{fileId}", "application/octet-stream");
    }

    private static AttachmentRef Attachment(string name, string url, string contentType) =>
        new() { Name = name, Url = url, ContentType = contentType, AddedAt = TestClock.Start, AddedBy = "29:reporter" };
}

public sealed class LiteDbTicketFilesContract : TicketFilesContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlTicketFilesContract : TicketFilesContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
