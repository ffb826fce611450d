using System.Net.Http.Json;
using System.Text.Json;
using static SupportBot.Tests.TestKit.KnowledgeFixtures;

namespace SupportBot.Tests.Knowledge;

/// <summary>
/// Deflection during intake, over real HTTP: once the description is specific, a known solution is offered; "This
/// solved it" ends the report with nothing filed, "Not this — continue" goes on with the very next question, and the
/// offers are counted per article with the net rule (solved, then reported again within 24 h, is not deflected).
/// </summary>
public sealed class DeflectionConversationTests : IAsyncLifetime
{
    private const string E1024Report = "在OA系统中打印审批单时提示错误代码E1024,打印失败";
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_chinese_reporter_is_offered_the_article_and_solved_files_nothing_for_an_engineer()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);
        var zhang = ScriptedReporter.Employee(_app);

        await zhang.SayAsync(E1024Report);

        Assert.DoesNotContain(zhang.Texts, text => text.Contains("第一次出现", StringComparison.Ordinal));
        var offer = string.Join("\n", zhang.CardTexts());
        Assert.Contains("以下已知解决办法", offer, StringComparison.Ordinal);
        Assert.Contains("OA 打印报错 E1024", offer, StringComparison.Ordinal);
        Assert.Contains("在打印服务器上更新证书后重启打印服务", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("打印服务的证书过期", offer, StringComparison.Ordinal);
        Assert.DoesNotContain("E2048", offer, StringComparison.Ordinal);
        Assert.Equal(["solved", "continue"], zhang.CardActions().Select(action => action.GetProperty("intake").GetString()));

        await zhang.ClickAsync(zhang.CardAction("solved", "KB-000001"));

        Assert.StartsWith("很高兴问题已解决。没有登记工单", zhang.Texts[0], StringComparison.Ordinal);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/tickets")).EnumerateArray());
        var deflection = await admin.GetFromJsonAsync<JsonElement>("/api/kb/deflection");
        Assert.Equal((1, 1, 1), (deflection.GetProperty("offers").GetInt32(), deflection.GetProperty("selfService").GetInt32(), deflection.GetProperty("netSelfService").GetInt32()));
    }

    [Fact]
    public async Task An_english_web_customer_continues_and_is_asked_exactly_the_next_question_and_the_ticket_notes_the_offer()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);
        var maria = ScriptedReporter.Customer(_app);

        // "takes more than a minute" already says what happened: only the error code is asked.
        await maria.SayAsync("When I open the customer list in CRM it takes more than a minute");
        Assert.StartsWith("Did an error code or message appear?", maria.Last, StringComparison.Ordinal);
        await maria.SayAsync("none");
        Assert.Contains("CRM customer list loads slowly", string.Join("\n", maria.CardTexts()), StringComparison.Ordinal);
        Assert.Equal("Not this — continue", maria.LastCard()!.Value.GetProperty("actions")[0].GetProperty("title").GetString());

        await maria.ClickAsync(maria.CardAction("continue"));

        Assert.Equal("When did it first happen? For example: “just now”, “today 10am”, “yesterday 3pm”.", maria.Last);
        foreach (var answer in new[] { "just now", "software bug", "no", "only me", "skip", "Maria Rossi, C-2291, +39 02 5550 1234" })
        {
            await maria.SayAsync(answer);
        }

        await maria.ClickAsync(maria.CardAction("submit"));
        var ticket = (await admin.GetFromJsonAsync<JsonElement>("/api/tickets")).EnumerateArray().Single().GetProperty("ticket");
        Assert.Equal(["KB-000004"], ticket.GetProperty("offeredArticles").EnumerateArray().Select(id => id.GetString()));
    }

    [Fact]
    public async Task Solved_then_reported_again_within_a_day_about_the_same_system_is_not_net_deflection()
    {
        var admin = _app.CreateAdminClient();
        await ImportAsync(admin, Lines);
        var zhang = ScriptedReporter.Employee(_app);
        var li = ScriptedReporter.Employee(_app, aadId: "aad-li-na", name: "李娜");

        await SolveAsync(zhang);
        await SolveAsync(li);
        _app.Time.Advance(TimeSpan.FromHours(3));
        await zhang.SayAsync(E1024Report);
        await zhang.SayAsync("今天早上9点");
        foreach (var answer in new[] { "否", "只有我", "跳过", "A10023", "财务部", "8021" })
        {
            await zhang.SayAsync(answer);
        }

        await zhang.ClickAsync(zhang.CardAction("submit"));

        // Three offers of KB-000001: two solved, one went on (by answering) to a ticket three hours after 张伟's "solved".
        var deflection = await admin.GetFromJsonAsync<JsonElement>("/api/kb/deflection");
        Assert.Equal((3, 2, 1), (deflection.GetProperty("offers").GetInt32(), deflection.GetProperty("selfService").GetInt32(), deflection.GetProperty("netSelfService").GetInt32()));
        var article = Assert.Single(deflection.GetProperty("articles").EnumerateArray());
        Assert.Equal(
            ("KB-000001", 3, 2, 1, 1),
            (article.GetProperty("article").GetString(), article.GetProperty("offered").GetInt32(), article.GetProperty("accepted").GetInt32(), article.GetProperty("declined").GetInt32(), article.GetProperty("netAccepted").GetInt32()));

        async Task SolveAsync(ScriptedReporter reporter)
        {
            await reporter.SayAsync(E1024Report);
            await reporter.ClickAsync(reporter.CardAction("solved", "KB-000001"));
        }
    }
}
