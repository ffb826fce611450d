using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// Debian's nginx as a round-robin reverse proxy on a free 127.0.0.1 port, started by the test itself (never the
/// distro's service): its own configuration, prefix, pid and logs in a temp folder, in the foreground as a child of
/// the test, as the user running the tests. WebSocket upgrades are passed through, as the README's site does.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    /// <summary>The response header naming the instance that answered (<c>$upstream_addr</c>), so tests see the balancing.</summary>
    public const string UpstreamHeader = "X-Upstream";

    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts nginx in front of <paramref name="upstreams"/> and returns once it accepts connections.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> upstreams)
    {
        var binary = new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx not found: install the Debian package 'nginx' (.ci/run does, without starting its service).");
        var folder = Directory.CreateTempSubdirectory("supportbot-nginx-").FullName;

        // As root nginx's workers run as nobody: they must be able to enter the prefix (nginx chowns its temp folders).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var port = FreePort();
        var configuration = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(folder, port, upstreams));

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-p", folder, "-c", configuration, "-e", Path.Combine(folder, "error.log")])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        var proxy = new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port}/"));

        // nginx says nothing when it is ready: the port accepting a connection is the sign (bounded: 20 s).
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await errors}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await proxy.DisposeAsync();
        throw new TimeoutException($"nginx did not listen on 127.0.0.1:{port} within 20 s.");
    }

    /// <summary>Stops nginx (master and workers) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A worker's temp file still closing: a leftover temp folder harms nothing.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// One upstream with every instance; <c>Connection</c> is "upgrade" only for a WebSocket request, so other requests
    /// keep their upstream connection alive. A failed instance is passed over for 5 s, and a request that never reached
    /// one (connection refused) goes to the next; nginx never sends a POST again once an instance had it.
    /// </summary>
    private static string Configuration(string folder, int port, IReadOnlyList<Uri> upstreams)
    {
        var servers = string.Concat(upstreams.Select(upstream => $"    server {upstream.Host}:{upstream.Port} max_fails=1 fail_timeout=5s;\n"));
        return string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 2048; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/client_body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              client_max_body_size 20m;
              map $http_upgrade $connection_upgrade { default upgrade; '' ''; }
              upstream supportbot {
            {{servers}}    keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://supportbot;
                  proxy_http_version 1.1;
                  proxy_set_header Host $http_host;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 1h;
                  add_header {{UpstreamHeader}} $upstream_addr always;
                }
              }
            }
            """);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
