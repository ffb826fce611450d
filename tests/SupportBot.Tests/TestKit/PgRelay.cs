using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A loopback TCP relay in front of the test cluster, for one SupportBot instance: cutting it is that instance dying
/// as far as the database and its peers can tell (no check-in, no write, every connection gone at once), without
/// the clean shutdown a disposed host would do first.
/// </summary>
internal sealed class PgRelay : IAsyncDisposable
{
    private readonly IPEndPoint _server;
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly int _port;
    private TcpListener _listener = new(IPAddress.Loopback, 0);
    private CancellationTokenSource _cut = new();
    private Task _accepting;

    // Cancelled to stop forwarding without closing anything (Blackhole).
    private readonly CancellationTokenSource _forwarding = new();
    private volatile bool _blackholed;

    public PgRelay(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        _server = new IPEndPoint(IPAddress.Parse(target.Host!), target.Port);
        _listener.Start();
        _port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        target.Port = _port;

        // A cut instance must fail fast rather than wait out the default timeouts.
        target.Timeout = 2;
        ConnectionString = target.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The connection string through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>Closes every relayed connection and refuses new ones.</summary>
    public void Cut()
    {
        _cut.Cancel();
        _listener.Stop();
        foreach (var client in _open)
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// The database's port blackholed (a dropped route, a firewall that drops): connections stay open and new ones are
    /// accepted, but nothing goes through either way, so every call waits out its own timeout instead of failing at once.
    /// </summary>
    public void Blackhole()
    {
        _blackholed = true;
        _forwarding.Cancel();
    }

    /// <summary>
    /// The partition heals: the relay listens again on its port. A cut instance can then shut down (Quartz will not
    /// give up a store it cannot reach), finding that its peers took over what it held.
    /// </summary>
    public async Task HealAsync()
    {
        await _accepting;
        _cut.Dispose();
        _cut = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, _port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_cut.IsCancellationRequested)
        {
            Cut();
        }

        await _accepting;
        _cut.Dispose();
        _forwarding.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_cut.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_cut.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            _open.Add(inbound);
            _open.Add(outbound);
            _ = RelayAsync(inbound, outbound);
        }
    }

    private async Task RelayAsync(TcpClient inbound, TcpClient outbound)
    {
        try
        {
            if (!_blackholed)
            {
                using var forwarding = CancellationTokenSource.CreateLinkedTokenSource(_cut.Token, _forwarding.Token);
                await outbound.ConnectAsync(_server, forwarding.Token);
                var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), forwarding.Token);
                var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), forwarding.Token);
                await Task.WhenAny(up, down);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Cut, blackholed, or one side closed.
        }

        try
        {
            // Blackholed: the connection stays open and silent until the relay is cut.
            if (_blackholed)
            {
                await Task.Delay(Timeout.Infinite, _cut.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // Cut: now both go.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
        }
    }
}
