using Microsoft.Extensions.DependencyInjection;
using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;
using SupportBot.Storage;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;

namespace SupportBot.Tests.Knowledge;

/// <summary>The search index lives on disk beside the database: a restart uses it as it was, and repairs it from the store.</summary>
public sealed class KnowledgeIndexRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Dictionary<string, string?> Settings => new() { ["Storage:DatabasePath"] = _database.Path };

    [Fact]
    public async Task After_a_restart_only_the_articles_saved_while_the_app_was_down_are_indexed()
    {
        using (var before = new SupportBotApplication(Settings))
        {
            await ImportAsync(before.CreateAdminClient(), Lines);
        }

        // A tool adds one article straight to the database while SupportBot is down.
        using (var database = _database.Open())
        using (var commits = new LiteDbCommitQueue(database))
        {
            await new LiteDbKnowledgeStore(database, commits, []).ImportAsync([Article("邮箱收不到外部邮件", "外部发来的邮件收不到,内部邮件正常")]);
        }

        using var after = new SupportBotApplication(Settings);
        var admin = after.CreateAdminClient();
        Assert.Equal("邮箱收不到外部邮件", Titles(await SearchAsync(admin, "收不到外部邮件", "zh-CN"))[0]);
        Assert.Equal("OA 打印报错 E1024", Titles(await SearchAsync(admin, "OA 打印报错 E1024", "zh-CN"))[0]);
        var index = after.Services.GetRequiredService<KnowledgeIndex>();
        Assert.Equal((1, 6), (index.LastCatchUp, index.Count));
    }

    [Fact]
    public async Task A_damaged_index_folder_is_rebuilt_from_the_store()
    {
        using (var before = new SupportBotApplication(Settings))
        {
            await ImportAsync(before.CreateAdminClient(), Lines);
        }

        foreach (var file in Directory.GetFiles(_database.Path + ".kb-index"))
        {
            await File.WriteAllTextAsync(file, "not an index");
        }

        using var after = new SupportBotApplication(Settings);
        Assert.Equal("OA 打印报错 E2048", Titles(await SearchAsync(after.CreateAdminClient(), "OA 打印报错 E2048", "zh-CN"))[0]);
        Assert.Equal(5, after.Services.GetRequiredService<KnowledgeIndex>().LastCatchUp);
    }

    private static KnowledgeArticle Article(string title, string problem) => new()
    {
        Id = "",
        Language = "zh-CN",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        Text = new ArticleText { Title = title, Problem = problem, Solution = "检查邮件网关的外部域名白名单" },
    };
}
