using Microsoft.Extensions.DependencyInjection;
using SupportBot.Storage.Postgres;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;

namespace SupportBot.Tests.Knowledge;

/// <summary>
/// Two SupportBot instances on one PostgreSQL database, each with its own search index folder. Must hold: an article
/// saved through one is found by a search on the other without a restart, also after the other's listening
/// connection was cut, and one saved while the other was not listening is found once it listens again.
/// </summary>
public sealed class PostgreSqlKnowledgeAcrossInstancesTests : IAsyncLifetime
{
    private const string Mail = """{"title":"邮箱收不到外部邮件","problem":"外部发来的邮件收不到,内部邮件正常","solution":"检查邮件网关的外部域名白名单","language":"zh-CN"}""";

    private readonly string _connectionString = PgTestCluster.Instance.CreateDatabase();
    private SupportBotApplication _a = null!;
    private SupportBotApplication _b = null!;

    public async Task InitializeAsync()
    {
        _a = App();
        _b = App();
        _ = _a.CreateClient();
        _ = _b.CreateClient();
        await Listener(_a).Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task An_article_imported_through_one_instance_is_found_by_a_search_on_the_other_without_a_restart()
    {
        await ImportAsync(_b.CreateAdminClient(), Lines);

        Assert.Equal("OA 打印报错 E1024", await SearchOnAAsync("OA 打印报错 E1024", "OA 打印报错 E1024"));
        Assert.Equal("CRM customer list loads slowly", await SearchOnAAsync("CRM customer list slow", "CRM customer list loads slowly", "en-US"));
    }

    [Fact]
    public async Task After_its_listening_connection_is_cut_an_instance_still_hears_the_others_articles()
    {
        var again = Listener(_a).ListeningAgain;

        // What a server restart or a proxy's idle cut does: the server ends the connection under the listener.
        await using (var admin = Npgsql.NpgsqlDataSource.Create(_connectionString))
        await using (var kill = admin.CreateCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN {PgKnowledgeStore.Channel}'"))
        {
            Assert.Equal(true, await kill.ExecuteScalarAsync());
        }

        await again.WaitAsync(TimeSpan.FromSeconds(30));
        await ImportAsync(_b.CreateAdminClient(), [Mail]);

        Assert.Equal("邮箱收不到外部邮件", await SearchOnAAsync("收不到外部邮件", "邮箱收不到外部邮件"));
    }

    [Fact]
    public async Task An_article_saved_while_an_instance_was_not_listening_is_found_once_it_listens_again()
    {
        var listener = Listener(_a);
        await listener.StopAsync(CancellationToken.None);
        var again = listener.ListeningAgain;

        // Saved and committed while A heard nothing: its notice is gone for good, only the store has the article.
        await ImportAsync(_b.CreateAdminClient(), [Mail]);
        await listener.StartAsync(CancellationToken.None);
        await again.WaitAsync(TimeSpan.FromSeconds(30));

        // Indexed before the listener reported itself listening: found at once, without waiting for another notice.
        var hits = await SearchAsync(_a.CreateAdminClient(), "收不到外部邮件", "zh-CN");
        Assert.Equal("邮箱收不到外部邮件", Titles(hits)[0]);
    }

    /// <summary>
    /// The first title A's search returns, once that is <paramref name="expected"/>: another instance's save reaches A's
    /// index asynchronously (on its notice), so the search is repeated, for half a minute at most.
    /// </summary>
    private async Task<string?> SearchOnAAsync(string query, string expected, string locale = "zh-CN")
    {
        var admin = _a.CreateAdminClient();
        string? first = null;
        for (var attempt = 0; attempt < 600 && first != expected; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(50);
            }

            first = Titles(await SearchAsync(admin, query, locale)) is [var top, ..] ? top : null;
        }

        return first;
    }

    private static PgKnowledgeListener Listener(SupportBotApplication app) => app.Services.GetRequiredService<PgKnowledgeListener>();

    private SupportBotApplication App() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["ConnectionStrings:SupportBot"] = _connectionString,
    });
}
