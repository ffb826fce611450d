using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Activity = SupportBot.BotFramework.Schema.Activity;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A visitor's Direct Line WebSocket as DirectLineJS holds it, over a real socket (through a proxy if the visitor's
/// client goes through one): every activity pushed on it is read in the background, and the test awaits the one it
/// expects, each wait bounded.
/// </summary>
internal sealed class DirectLineSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<Activity> _received = Channel.CreateUnbounded<Activity>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    private DirectLineSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = ReadAsync();
    }

    /// <summary>The instance that accepted the upgrade, as the proxy named it (null without a proxy).</summary>
    public string? Instance { get; private init; }

    /// <summary>Asks for a fresh stream URL (the reconnect call) and opens the socket, replaying from <paramref name="watermark"/>.</summary>
    public static async Task<DirectLineSocket> ConnectAsync(WebChatVisitor visitor, string? watermark = null)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        using var reconnect = await visitor.SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{visitor.ConversationId}?watermark={watermark}", null);
        reconnect.EnsureSuccessStatusCode();
        var streamUrl = (await reconnect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("streamUrl").GetString()!;

        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri(streamUrl), timeout.Token);
        var instance = socket.HttpResponseHeaders is { } headers && headers.TryGetValue(NginxProxy.UpstreamHeader, out var values) ? values.Last()?.Split(", ")[^1] : null;
        return new DirectLineSocket(socket) { Instance = instance };
    }

    /// <summary>The next pushed activity that <paramref name="match"/> accepts (others are passed over); fails after <paramref name="within"/>.</summary>
    public async Task<Activity> NextAsync(Func<Activity, bool> match, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var activity = await _received.Reader.ReadAsync(timeout.Token);
                if (match(activity))
                {
                    return activity;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No matching activity on the Direct Line socket within {within.TotalSeconds:F0} s (socket {_socket.State}).");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The Direct Line socket closed ({_socket.CloseStatus} {_socket.CloseStatusDescription}) before a matching activity came.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>Reads whole messages (an activity set each; empty ones are keep-alives) until the socket ends.</summary>
    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var frame = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, frame.Count);
                if (!frame.EndOfMessage)
                {
                    continue;
                }

                if (message.Length > 0)
                {
                    using var set = JsonDocument.Parse(message.ToArray());
                    foreach (var activity in set.RootElement.GetProperty("activities").Deserialize<List<Activity>>(SupportBot.BotFramework.Schema.BotJson.Options) ?? [])
                    {
                        _received.Writer.TryWrite(activity);
                    }
                }

                message.SetLength(0);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException)
        {
            // Disposed, or the instance holding the socket died: the waits report it.
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
