using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The WebSocket at <c>streamUrl</c>: replays the transcript after the watermark, then pushes each new activity as
/// <c>{"activities":[…],"watermark":"n"}</c>, typing as it happens, and an empty frame as a keep-alive. What the
/// client sends (DirectLineJS pings with empty strings) is read and ignored.
/// </summary>
internal static class DirectLineStream
{
    public static async Task<IResult> AcceptAsync(HttpContext http, string conversationId, string? t, string? watermark)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return DirectLineResults.BadArgument("The stream URL is for a WebSocket.");
        }

        var tokens = http.RequestServices.GetRequiredService<DirectLineTokens>();
        var (check, ticket) = await tokens.ValidateAsync(t);
        if (ticket is not { StreamOnly: true } || !await tokens.RedeemAsync(ticket, http.RequestAborted))
        {
            return DirectLineResults.Unauthorized(check == TokenCheck.Valid ? TokenCheck.Invalid : check);
        }

        if (ticket.ConversationId != conversationId)
        {
            return DirectLineResults.Forbidden();
        }

        var conversations = http.RequestServices.GetRequiredService<DirectLineConversations>();
        var conversation = await conversations.FindAsync(conversationId, http.RequestAborted);
        if (conversation is null)
        {
            return DirectLineResults.NotFound();
        }

        if (!DirectLineActivities.TryReadWatermark(watermark, out var from))
        {
            return DirectLineResults.BadArgument("The watermark is not one this server gave out.");
        }

        // The stream takes over the conversation before the handshake completes: a client whose socket opened
        // first must also have registered first, or a slow first handler would close the newer stream instead.
        var updates = await conversations.OpenStreamAsync(conversation, http.RequestAborted);
        WebSocket accepted;
        try
        {
            accepted = await http.WebSockets.AcceptWebSocketAsync();
        }
        catch
        {
            conversation.CloseStream(updates);
            throw;
        }

        using var socket = accepted;
        var options = http.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        await PumpAsync(socket, conversations, conversation, updates, from, options.KeepAliveInterval, time, http.RequestAborted);
        return Results.Empty;
    }

    private static async Task PumpAsync(WebSocket socket, DirectLineConversations conversations, DirectLineConversation conversation, ChannelReader<Activity?> updates, int? watermark, TimeSpan keepAlive, TimeProvider time, CancellationToken aborted)
    {
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var receiving = DrainAsync(socket, closed);
        string closeReason = "closed";
        try
        {
            var sent = await SendAfterAsync(socket, conversations, conversation, watermark, closed.Token);
            var open = true;
            while (open && !closed.IsCancellationRequested)
            {
                var next = await NextAsync(updates, keepAlive, time, closed.Token);
                switch (next)
                {
                    case Next.KeepAlive:
                        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, closed.Token);
                        break;
                    case Next.Ended:
                        closeReason = updates.Completion.Exception?.InnerException is StreamCollisionException ? "collision" : "ended";
                        open = false;
                        break;
                    default:
                        var live = new List<Activity>();
                        var appended = false;
                        while (updates.TryRead(out var update))
                        {
                            if (update is null)
                            {
                                appended = true;
                            }
                            else
                            {
                                live.Add(update);
                            }
                        }

                        if (live.Count > 0)
                        {
                            await SendAsync(socket, new LiveSet(live), closed.Token);
                        }

                        if (appended)
                        {
                            sent = await SendAfterAsync(socket, conversations, conversation, sent, closed.Token);
                        }

                        break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or ConversationEndedException)
        {
            // The client went away (or the conversation ended); DirectLineJS reconnects with its watermark and misses nothing.
        }
        finally
        {
            conversation.CloseStream(updates);
            await CloseAsync(socket, closeReason, receiving, closed);
        }
    }

    /// <summary>Says why (DirectLineJS reconnects either way), gives the client a moment to answer the close, then stops reading.</summary>
    private static async Task CloseAsync(WebSocket socket, string reason, Task receiving, CancellationTokenSource closed)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, grace.Token);
            }

            await receiving.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or TimeoutException)
        {
            // A client that does not answer the close is simply dropped.
        }
        finally
        {
            await closed.CancelAsync();
            await receiving;
        }
    }

    private enum Next
    {
        Update,
        KeepAlive,
        Ended,
    }

    private static async Task<Next> NextAsync(ChannelReader<Activity?> updates, TimeSpan keepAlive, TimeProvider time, CancellationToken cancellationToken)
    {
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waiting = updates.WaitToReadAsync(quiet.Token).AsTask();
        var delay = Task.Delay(keepAlive, time, quiet.Token);
        var first = await Task.WhenAny(waiting, delay);
        await quiet.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first == delay)
        {
            return Next.KeepAlive;
        }

        try
        {
            return await waiting ? Next.Update : Next.Ended;
        }
        catch (StreamCollisionException)
        {
            return Next.Ended;
        }
    }

    private static async Task<int?> SendAfterAsync(WebSocket socket, DirectLineConversations conversations, DirectLineConversation conversation, int? watermark, CancellationToken cancellationToken)
    {
        var (activities, next) = await conversations.ReadAsync(conversation, watermark, cancellationToken);
        if (activities.Count > 0)
        {
            await SendAsync(socket, new ActivitySet(activities, next.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        }

        return next;
    }

    private static Task SendAsync<T>(WebSocket socket, T frame, CancellationToken cancellationToken) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, BotJson.Options), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Reads until the client closes, then ends the pump.</summary>
    private static async Task DrainAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var frame = await socket.ReceiveAsync(buffer, closed.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Closed from either side.
        }
        finally
        {
            await closed.CancelAsync();
        }
    }

    /// <summary>A frame of activities that are not in the transcript (typing): no watermark, so the client keeps its own.</summary>
    private sealed record LiveSet(IReadOnlyList<Activity> Activities);
}
