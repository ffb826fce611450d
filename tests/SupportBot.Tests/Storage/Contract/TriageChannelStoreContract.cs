using SupportBot.Engineering;

namespace SupportBot.Tests.Storage.Contract;

/// <summary>
/// What ticket posting relies on, whichever engine keeps the bindings: a team's triage channel reads back as bound
/// (absent ids stay absent), a new binding replaces the old, and a binding made in a failed turn is not kept.
/// </summary>
public abstract class TriageChannelStoreContract : StorageContract
{
    private static readonly TriageChannel Apps = new("apps", "msteams", "https://smba.example/amer/", "19:apps-triage@thread.tacv2", "zh-CN", null, null);

    private ITriageChannelStore Sut => Storage.TriageChannels;

    [Fact]
    public void A_binding_reads_back_as_saved_and_a_new_one_replaces_it()
    {
        Sut.Save("APPS", Apps);
        Assert.Equal(Apps, Sut.Find("APPS"));

        var moved = Apps with { ConversationId = "19:apps-new@thread.tacv2", Locale = "en-US", BotId = "28:bot", TenantId = "tenant-1" };
        Sut.Save("APPS", moved);

        Assert.Equal(moved, Sut.Find("APPS"));
        Assert.Null(Sut.Find("NETWORK"));
    }

    [Fact]
    public async Task A_binding_made_in_a_turn_is_kept_only_if_the_turn_commits()
    {
        await Turns.FailAsync(Storage.Commits, () => { Sut.Save("APPS", Apps); return Task.CompletedTask; });
        Assert.Null(Sut.Find("APPS"));

        await Turns.RunAsync(Storage.Commits, () => Sut.Save("APPS", Apps));

        Assert.Equal(Apps, Sut.Find("APPS"));
    }
}

public sealed class LiteDbTriageChannelStoreContract : TriageChannelStoreContract
{
    private protected override IStorageUnderTest Open() => new LiteDbUnderTest();
}

public sealed class PostgreSqlTriageChannelStoreContract : TriageChannelStoreContract
{
    private protected override IStorageUnderTest Open() => new PostgreSqlUnderTest();
}
