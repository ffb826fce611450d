using SupportBot.Knowledge;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What the knowledge base and its search index rely on, whichever engine keeps the articles: new articles numbered
/// in order, a change from a stale version refused, an import all or nothing, a turn's save kept only if it commits,
/// and the index told of each save after it committed with how far it may remember to have caught up.
/// </summary>
public abstract class KnowledgeStoreContract : StorageContract
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private IKnowledgeStore Sut => Storage.Knowledge;

    [Fact]
    public async Task New_articles_are_numbered_in_order_and_read_back_whole()
    {
        var first = (await Sut.SaveAsync(Article("SAP 密码过期")))!;
        var imported = await Sut.ImportAsync([Article("VPN 连不上"), Article("打印机脱机")]);

        Assert.Equal(("KB-000001", 1, 1L), (first.Id, first.Version, first.Sequence));
        Assert.Equal(["KB-000002", "KB-000003"], imported.Select(article => article.Id));
        var read = Sut.Find("KB-000001")!;
        Assert.Equal(first.Text with { Tags = read.Text.Tags }, read.Text);
        Assert.Equal(["sap", "password"], read.Text.Tags);
        Assert.Equal(["20261123-0001"], read.Tickets);
        Assert.Equal((At, At.Offset), (read.CreatedAt, read.CreatedAt.Offset));
        Assert.Equal(["KB-000001", "KB-000002", "KB-000003"], Sut.All().Select(article => article.Id));
        Assert.Null(Sut.Find("KB-404404"));
    }

    [Fact]
    public async Task A_change_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var saved = (await Sut.SaveAsync(Article("SAP 密码过期")))!;

        var edited = await Sut.SaveAsync(saved.Edited(saved.Text with { Solution = "在自助门户重置" }, "eng-1", At.AddHours(1)));
        var stale = await Sut.SaveAsync(saved.Edited(saved.Text with { Solution = "联系管理员" }, "eng-2", At.AddHours(2)));

        Assert.Equal(2, edited?.Version);
        Assert.Null(stale);
        var read = Sut.Find(saved.Id)!;
        Assert.Equal(("在自助门户重置", 2), (read.Text.Solution, read.Version));
        Assert.Single(read.History);
    }

    [Fact]
    public async Task A_save_in_a_failed_turn_is_not_kept_and_the_index_hears_only_of_committed_saves()
    {
        var listener = Storage.KnowledgeListener;

        await Turns.FailAsync(Storage.Commits, () => Sut.SaveAsync(Article("lost")));
        var kept = await Turns.RunAsync(Storage.Commits, () => Sut.SaveAsync(Article("kept")));

        Assert.Null(Sut.Find("KB-000001"));
        Assert.Equal("kept", Sut.Find(kept!.Id)!.Text.Title);
        var (saved, complete) = Assert.Single(listener.Heard);
        Assert.Equal([kept.Id], saved);
        Assert.Equal(kept.Sequence, complete);
        Assert.Equal([kept.Id], Sut.ChangedSince(0).Select(article => article.Id));
        Assert.Empty(Sut.ChangedSince(kept.Sequence));
    }

    private static KnowledgeArticle Article(string title) => new()
    {
        Id = "",
        Text = new ArticleText { Title = title, Problem = "登录时提示密码过期", Solution = "联系管理员重置", System = "SAP", Tags = ["sap", "password"] },
        Language = "zh-CN",
        Tickets = ["20261123-0001"],
        CreatedAt = At,
        UpdatedAt = At,
    };
}

/// <summary>The search index as the contract sees it: what it was told, in order.</summary>
internal sealed class HeardKnowledgeChanges : IKnowledgeChangeListener
{
    private readonly List<(string[] Saved, long Complete)> _heard = [];

    public IReadOnlyList<(string[] Saved, long Complete)> Heard
    {
        get
        {
            lock (_heard)
            {
                return [.. _heard];
            }
        }
    }

    public void Committed(IReadOnlyList<KnowledgeArticle> saved, long complete)
    {
        lock (_heard)
        {
            _heard.Add(([.. saved.Select(article => article.Id)], complete));
        }
    }
}

public sealed class LiteDbKnowledgeStoreContract : KnowledgeStoreContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlKnowledgeStoreContract : KnowledgeStoreContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
