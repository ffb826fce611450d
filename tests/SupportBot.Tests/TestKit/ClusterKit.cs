using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using SupportBot.BotFramework.Schema;
using Activity = SupportBot.BotFramework.Schema.Activity;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// SupportBot as the README's "Several instances" recipe runs it, on loopback: one PostgreSQL database (a fresh one on
/// the run's private cluster), two SupportBot processes on it with the same Direct Line signing key, each with its own
/// port and data folder, and nginx in front balancing round-robin. Customers talk to <see cref="Front"/>; the test can
/// kill one instance with SIGKILL. Disposing kills both children, stops nginx and deletes the folders.
/// </summary>
internal sealed class ClusterKit : IBotEndpoint, IAsyncDisposable
{
    public const string AdminKey = "cluster-test-admin-key";

    private readonly string _folder;
    private readonly HttpClient _front;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _answeredBy = new(StringComparer.Ordinal);

    private ClusterKit(string folder, string connectionString, IReadOnlyList<ChildSupportBot> instances, NginxProxy proxy)
    {
        _folder = folder;
        ConnectionString = connectionString;
        Instances = instances;
        Proxy = proxy;

        // Many customers at once through one proxy: connections are not the bottleneck, and a turn has its minutes.
        _front = new HttpClient(new UpstreamRecorder(_answeredBy) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 256 } })
        {
            BaseAddress = proxy.Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    public string ConnectionString { get; }

    public IReadOnlyList<ChildSupportBot> Instances { get; }

    public NginxProxy Proxy { get; }

    /// <summary>A client of the proxy: what every channel and browser reaches.</summary>
    public HttpClient Front => _front;

    /// <summary>How many of the front's requests each instance answered (by its <c>127.0.0.1:port</c>), as nginx reported.</summary>
    public IReadOnlyDictionary<string, int> AnsweredBy => _answeredBy;

    /// <summary>Which instance (<c>127.0.0.1:port</c>) answered a response that came through the proxy.</summary>
    public static string? InstanceOf(HttpResponseMessage response) =>
        response is not null && response.Headers.TryGetValues(NginxProxy.UpstreamHeader, out var values) ? values.Last().Split(", ")[^1] : null;

    /// <summary>
    /// Starts both instances at once on a new database (so their migrations race, as two services started together
    /// do), then nginx in front of them. <paramref name="settings"/> (<c>--Key=value</c>) go to both instances.
    /// </summary>
    public static async Task<ClusterKit> StartAsync(params string[] settings)
    {
        var connectionString = PgTestCluster.Instance.CreateDatabase();
        var folder = Directory.CreateTempSubdirectory("supportbot-cluster-").FullName;
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] shared =
        [
            "--Storage:Provider=PostgreSql",
            $"--ConnectionStrings:SupportBot={connectionString}",
            $"--DirectLine:SigningKey={signingKey}",
            $"--Admin:ApiKey={AdminKey}",

            // Every test customer comes from 127.0.0.1 through the proxy: the per-client limits would count them as one.
            "--DirectLine:ConversationsPerMinutePerClient=100000",
            "--DirectLine:MessagesPerMinutePerConversation=1000",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. settings,
        ];

        var started = await Task.WhenAll(Enumerable.Range(1, 2).Select(async n =>
        {
            var data = Directory.CreateDirectory(Path.Combine(folder, $"instance-{n}")).FullName;
            try
            {
                return await ChildSupportBot.StartAsync(Path.Combine(data, "supportbot.db"), [$"--DirectLine:UploadDirectory={Path.Combine(data, "uploads")}", .. shared]);
            }
            catch (InvalidOperationException)
            {
                return null; // the other may have started: it is killed below, then the failure is rethrown
            }
        }));

        if (started.Any(instance => instance is null))
        {
            foreach (var instance in started.OfType<ChildSupportBot>())
            {
                await instance.DisposeAsync();
            }

            // Again one at a time, only to have the failure's message: which start failed and what it wrote.
            var data = Path.Combine(folder, "instance-1");
            await using var alone = await ChildSupportBot.StartAsync(Path.Combine(data, "supportbot.db"), shared);
            throw new InvalidOperationException("One of two instances started together on one database failed to start; alone it started.");
        }

        var instances = started.OfType<ChildSupportBot>().ToList();
        try
        {
            var proxy = await NginxProxy.StartAsync([.. instances.Select(instance => instance.Address)]);
            return new ClusterKit(folder, connectionString, instances, proxy);
        }
        catch
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            throw;
        }
    }

    public Task<IReadOnlyList<Activity>> SendAsync(string customer, string activityId, string? text, JsonElement? click = null) =>
        ChildSupportBot.PostTurnAsync(_front, SupportBot.IntakeLoadTest.IntakeScript.Turn(customer, activityId, text, click));

    /// <summary>The same turn as Teams posts it to the bot: channel msteams, the sender known by their Entra object id.</summary>
    public Task<IReadOnlyList<Activity>> SendAsTeamsAsync(string person, string activityId, string? text, JsonElement? click = null)
    {
        var turn = SupportBot.IntakeLoadTest.IntakeScript.Turn(person, activityId, text, click) with
        {
            ChannelId = Channels.MsTeams,
            From = new ChannelAccount { Id = $"29:{person}", Name = "Cluster employee", AadObjectId = person },
            Conversation = new ConversationAccount { Id = $"a:{person}", ConversationType = "personal" },
        };
        return ChildSupportBot.PostTurnAsync(_front, turn);
    }

    /// <summary>
    /// Awaits <paramref name="work"/>; when it fails, fails with what each instance wrote last as well, since their logs
    /// are the only account of an error inside them (a turn answered "something went wrong").
    /// </summary>
    public async Task<T> ExplainingAsync<T>(Task<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            return await work;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            var logs = string.Join("\n", Instances.Select((instance, i) => $"--- instance {i + 1} ({instance.Address}){(instance.HasExited ? ", exited" : "")}:\n{instance.RecentOutput()}"));
            throw new Xunit.Sdk.XunitException($"{failure.Message}\n{logs}");
        }
    }

    /// <summary>Every ticket in the database, as the admin API shows them (any instance answers).</summary>
    public async Task<IReadOnlyList<JsonElement>> TicketsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tickets/?limit=1000");
        request.Headers.Add("X-Api-Key", AdminKey);
        using var response = await _front.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var views = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. views.EnumerateArray().Select(view => view.GetProperty("ticket").Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        _front.Dispose();
        await Proxy.DisposeAsync();
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A knowledge index file still closing: a leftover temp folder harms nothing.
        }
    }

    /// <summary>Counts which instance answered each response (nginx's header), so a test can see both did work.</summary>
    private sealed class UpstreamRecorder(System.Collections.Concurrent.ConcurrentDictionary<string, int> answeredBy) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (InstanceOf(response) is { } instance)
            {
                answeredBy.AddOrUpdate(instance, 1, (_, count) => count + 1);
            }

            return response;
        }
    }
}
