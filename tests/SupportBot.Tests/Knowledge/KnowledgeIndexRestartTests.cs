using Microsoft.Extensions.DependencyInjection;
using SupportBot.Knowledge.Search;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;

namespace SupportBot.Tests.Knowledge;

/// <summary>The search index lives on disk beside the database: a restart uses it as it was, and repairs it from the store.</summary>
public sealed class KnowledgeIndexRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Dictionary<string, string?> Settings => new() { ["Storage:DatabasePath"] = _database.Path };

    [Fact]
    public async Task After_a_restart_only_the_articles_the_index_had_not_committed_are_indexed()
    {
        var folder = _database.Path + ".kb-index";
        var behind = folder + "-behind";
        KnowledgeIndex written;
        await using (var before = new SupportBotApplication(Settings))
        {
            written = before.Services.GetRequiredService<KnowledgeIndex>();
            var admin = before.CreateAdminClient();
            await ImportAsync(admin, Lines);

            // The index as it was committed with five articles: what a crash before its next commit leaves on disk.
            before.Services.GetRequiredService<KnowledgeIndex>().Commit();
            Directory.CreateDirectory(behind);
            foreach (var file in Directory.GetFiles(folder).Where(file => Path.GetFileName(file) != "write.lock"))
            {
                File.Copy(file, Path.Combine(behind, Path.GetFileName(file)));
            }

            await ImportAsync(admin, ["""{"title":"邮箱收不到外部邮件","problem":"外部发来的邮件收不到,内部邮件正常","solution":"检查邮件网关的外部域名白名单","language":"zh-CN"}"""]);
        }

        // Returns once the host's own disposal of the index has finished writing its folder.
        written.Dispose();
        Directory.Delete(folder, recursive: true);
        Directory.Move(behind, folder);

        await using var after = new SupportBotApplication(Settings);
        var search = after.CreateAdminClient();
        Assert.Equal("邮箱收不到外部邮件", Titles(await SearchAsync(search, "收不到外部邮件", "zh-CN"))[0]);
        Assert.Equal("OA 打印报错 E1024", Titles(await SearchAsync(search, "OA 打印报错 E1024", "zh-CN"))[0]);
        var index = after.Services.GetRequiredService<KnowledgeIndex>();
        Assert.Equal((1, 6), (index.LastCatchUp, index.Count));
    }

    [Fact]
    public async Task A_damaged_index_folder_is_rebuilt_from_the_store()
    {
        await using (var before = new SupportBotApplication(Settings))
        {
            await ImportAsync(before.CreateAdminClient(), Lines);
        }

        foreach (var file in Directory.GetFiles(_database.Path + ".kb-index"))
        {
            await File.WriteAllTextAsync(file, "not an index");
        }

        await using var after = new SupportBotApplication(Settings);
        Assert.Equal("OA 打印报错 E2048", Titles(await SearchAsync(after.CreateAdminClient(), "OA 打印报错 E2048", "zh-CN"))[0]);
        Assert.Equal(5, after.Services.GetRequiredService<KnowledgeIndex>().LastCatchUp);
    }
}
