using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A channel's Connector service as a real HTTP server on 127.0.0.1: records every call the bot makes and
/// answers 200 with an id, or whatever <see cref="NextStatuses"/> asks for first (429, 500 …).
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _ids;

    private FakeChannel(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";
    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Statuses to answer message sends with before answering normally again, e.g. 429 then 500.</summary>
    public ConcurrentQueue<int> NextStatuses { get; } = new();

    /// <summary>While true, only new messages (POST) take <see cref="NextStatuses"/>; card updates (PUT) are answered normally.</summary>
    public volatile bool StatusesForNewMessagesOnly;

    /// <summary>While set, message sends get no answer until the caller gives up (a hanging connector); they are not recorded.</summary>
    public volatile bool Hang;

    /// <summary>Completes when a send first hangs.</summary>
    public TaskCompletionSource FirstHung { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IEnumerable<RecordedCall> Messages => Calls.Where(c => c.Method == "POST" && c.IsMessage);

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.Map("/{**path}", (Delegate)channel.HandleAsync);
        await app.StartAsync();
        channel.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return channel;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var id = $"activity-{Interlocked.Increment(ref _ids)}";
        var call = new RecordedCall(
            id,
            http.Request.Method,
            Uri.UnescapeDataString(http.Request.Path),
            http.Request.Headers.Authorization.ToString(),
            string.IsNullOrEmpty(body) ? null : JsonDocument.Parse(body).RootElement.Clone());
        if (call.IsMessage && Hang)
        {
            FirstHung.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The bot gave up on this send: it never arrived.
            }

            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Calls.Enqueue(call);
        if (call.IsMessage && (!StatusesForNewMessagesOnly || call.Method == "POST") && NextStatuses.TryDequeue(out var status))
        {
            if (status == 429)
            {
                http.Response.Headers.RetryAfter = "0";
            }

            return Results.StatusCode(status);
        }

        return Results.Json(new { id });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One call the bot made; <see cref="Id"/> is the activity id the fake channel answered with.</summary>
internal sealed record RecordedCall(string Id, string Method, string Path, string Authorization, JsonElement? Activity)
{
    public string? Text => Activity?.TryGetProperty("text", out var text) == true ? text.GetString() : null;

    public bool IsMessage => Activity?.TryGetProperty("type", out var type) == true && type.GetString() == "message";
}
