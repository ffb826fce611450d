using System.Net;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// What a web customer may attach: pictures, PDF, text, <c>.log</c>, <c>.zip</c> and short screen recordings within
/// <c>DirectLine:MaxUploadBytes</c>; anything else is refused and the bot says why in the customer's language.
/// </summary>
public sealed class UploadTypeTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new(new Dictionary<string, string?> { ["DirectLine:MaxUploadBytes"] = "65536" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("app.log", "application/octet-stream", "text/plain")]
    [InlineData("app.log", "text/x-log", "text/plain")]
    [InlineData("logs.zip", "application/x-zip-compressed", "application/zip")]
    [InlineData("logs.zip", "application/zip", "application/zip")]
    [InlineData("screen.mp4", "video/mp4", "video/mp4")]
    [InlineData("screen.webm", "video/webm", "video/webm")]
    [InlineData("screen.png", "image/png", "image/png")]
    public async Task A_log_zip_or_short_recording_is_accepted_and_served_as_its_kind(string name, string declared, string servedAs)
    {
        var visitor = await WebChatVisitor.StartAsync(_app);
        await visitor.PollAsync();

        var response = await visitor.UploadAsync(null, (name, declared, new byte[1000]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Assert.Single((await visitor.PollAsync()).First(a => a.From?.Role == "user").Attachments!);
        Assert.Equal((name, servedAs), (file.Name, file.ContentType));
        var served = await _app.CreateClient().GetAsync(new Uri(file.ContentUrl!).PathAndQuery);
        Assert.Equal(servedAs, served.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("en-US", "setup.exe cannot be sent here, so nothing was sent. You can send pictures, PDF, text, .log and .zip files and short screen recordings (.mp4, .webm), up to 0.1 MB together.")]
    [InlineData("zh-CN", "无法在这里发送 setup.exe,因此没有发送任何内容。可以发送图片、PDF、文本、.log 和 .zip 文件以及简短的录屏(.mp4、.webm),合计不超过 0.1 MB。")]
    public async Task Another_kind_of_file_is_refused_and_the_bot_says_why_in_the_visitors_language(string locale, string told)
    {
        var visitor = await WebChatVisitor.StartAsync(_app, locale: locale);
        await visitor.PollAsync();

        var response = await visitor.UploadAsync(null, ("setup.exe", "application/x-msdownload", new byte[100]));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var seen = await visitor.PollAsync();
        Assert.DoesNotContain(seen, a => a.From?.Role == "user");
        Assert.Equal(told, Assert.Single(seen).Text);
    }

    [Theory]
    [InlineData("en-US", "screen.mp4: too large, so nothing was sent. Files may be at most 0.1 MB together; a shorter recording or a .zip may fit.")]
    [InlineData("zh-CN", "screen.mp4:文件太大,因此没有发送任何内容。文件合计不超过 0.1 MB;较短的录屏或 .zip 压缩包也许可以。")]
    public async Task A_recording_over_the_configured_size_is_refused_and_the_bot_says_the_limit(string locale, string told)
    {
        var visitor = await WebChatVisitor.StartAsync(_app, locale: locale);
        await visitor.PollAsync();

        // Within the allowance for multipart framing, so the limit is found while reading, with the file's name known.
        var response = await visitor.UploadAsync(null, ("screen.mp4", "video/mp4", new byte[70_000]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(told, Assert.Single(await visitor.PollAsync()).Text);
    }
}
