using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// One private, throwaway PostgreSQL cluster for the whole test run: initdb into a temp folder, started on a free
/// loopback port on first use, stopped and deleted when the test process ends. Never the distro's default cluster.
/// As root it runs as the <c>postgres</c> OS user (PostgreSQL refuses root). Each fixture takes a fresh database.
/// </summary>
internal sealed class PgTestCluster
{
    private static readonly Lazy<PgTestCluster> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly int _port;

    private PgTestCluster(int port) => _port = port;

    public static PgTestCluster Instance => Shared.Value;

    /// <summary>A new, empty database on the cluster; its connection string (trust authentication, loopback only).</summary>
    public string CreateDatabase()
    {
        var name = $"supportbot_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database, MaxPoolSize = 10, Pooling = true }.ConnectionString;

    private static PgTestCluster Start()
    {
        var bin = (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null) ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: install the Debian package 'postgresql'.");

        var folder = Path.Combine(Path.GetTempPath(), $"supportbot-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", folder], asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"], asRoot);

        // A throwaway cluster: durability settings off, loopback only, its socket in its own folder.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60", "start"], asRoot);
        WatchUntilExit(folder, bin, asRoot);
        return new PgTestCluster(port);
    }

    /// <summary>
    /// Stops and deletes the cluster once this test process is gone, however it ends: the test host is often killed
    /// rather than let exit, and a ProcessExit handler would not run. A detached shell watches the process id (for at
    /// most a day) and then cleans up.
    /// </summary>
    private static void WatchUntilExit(string folder, string bin, bool asRoot)
    {
        var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}'{bin}/pg_ctl' -D '{folder}/data' -m immediate -w stop";
        var script = $"i=0; while [ -e /proc/{Environment.ProcessId} ] && [ $i -lt 86400 ]; do sleep 1; i=$((i+1)); done; {stop} >/dev/null 2>&1; rm -rf '{folder}'";
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["sh", "-c", script])
        {
            start.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(start) ?? throw new InvalidOperationException("The cluster's clean-up watcher did not start.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(), // somewhere the postgres user may enter
        };
        if (asPostgres)
        {
            foreach (var argument in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
        }
    }
}
