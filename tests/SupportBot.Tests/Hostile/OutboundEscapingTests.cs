using System.Text.Json;
using SupportBot.Common;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Hostile;

/// <summary>
/// A reporter whose display name is markup edits the ticket's title into markup on the confirmation card, files it
/// and adds a note; an engineer takes the ticket and presses a card the note made stale. Nothing the reporter wrote
/// reaches the triage channel or the engineer as live markup: every message and card there carries it escaped.
/// </summary>
public sealed class OutboundEscapingTests
{
    private const string Number = "TS-20261123-001";

    [Theory]
    [MemberData(nameof(Markup))]
    public async Task ATitleNoteOrDisplayNameOfMarkup_ReachesOtherPeopleOnlyEscaped(string input)
    {
        var hostile = HostileInputs.Texts[input];
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var zheng = office.Personal(ZhengLi, "郑丽 Zheng Li", "en-US");
        await zheng.InstallAsync();
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var reporter = office.Personal("aad-hostile-reporter", hostile, "zh-CN");

        foreach (var answer in new[] { "登录OA系统时,'审批'按钮无响应,错误代码为E005", "今天早上9点", "否", "只有我", "跳过", "A10023", "财务部", "8021" })
        {
            await reporter.SayAsync(answer);
        }

        await reporter.ClickIntakeAsync("edit");
        await reporter.SayAsync(hostile.Replace('\n', ' '));
        await reporter.ClickIntakeAsync("submit");
        await office.DrainAsync();
        Assert.Equal(hostile.Replace('\n', ' '), office.Ticket(Number).Title);

        var taken = await zhengInChannel.ExecuteAsync(zhengInChannel.LatestCardWith("take"), "take");
        await office.DrainAsync();
        var before = zheng.LatestCardWith("ack");
        await reporter.SayAsync($"补充 {Number}:{hostile}");
        await office.DrainAsync();
        var stale = await zheng.ExecuteAsync(before, "ack");

        var toOthers = office.Channel.Calls
            .Where(call => !call.Path.Contains(reporter.ConversationId, StringComparison.Ordinal) && call.Activity is not null)
            .Select(call => call.Activity!.Value)
            .Concat([taken, stale])
            .SelectMany(Strings)
            .ToList();
        var escapedTitle = ReporterText.Escape(hostile.Replace('\n', ' '));
        Assert.Contains(toOthers, text => text.Contains(escapedTitle, StringComparison.Ordinal));
        Assert.Contains(toOthers, text => text.Contains(ReporterText.Escape(hostile), StringComparison.Ordinal));
        Assert.DoesNotContain(toOthers, text => ContainsLive(text, hostile) || ContainsLive(text, hostile.Replace('\n', ' ')));
    }

    public static TheoryData<string> Markup() => [.. HostileInputs.Markup];

    /// <summary>The raw text appears somewhere not as part of its escaped form.</summary>
    private static bool ContainsLive(string text, string raw) =>
        ReporterText.Escape(raw) != raw && text.Replace(ReporterText.Escape(raw), "", StringComparison.Ordinal).Contains(raw, StringComparison.Ordinal);

    /// <summary>Every string anywhere in a message or card: its text, card TextBlocks, fact values, titles.</summary>
    private static IEnumerable<string> Strings(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.String => [node.GetString()!],
        JsonValueKind.Object => node.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => node.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
